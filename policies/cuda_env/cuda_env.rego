# METADATA
# title: GPU service without CUDA environment
# description: Services that reserve a GPU must set the NVIDIA container variables in Compose, in their Dockerfile or through a CUDA base image.
# related_resources:
#   - description: Rule documentation
#     ref: https://github.com/berth-policy/berth/blob/main/docs/rules/C-15.md
# custom:
#   id: C-15
#   name: cuda-env
#   priority: P2
#   tags:
#     - gpu
#   params:
#     required_env:
#       - NVIDIA_VISIBLE_DEVICES
#       - NVIDIA_DRIVER_CAPABILITIES
#     images_with_env:
#       - nvidia/cuda
#       - nvcr.io/nvidia/cuda
package berth.rules.cuda_env

import data.berth.lib.config
import data.berth.lib.images
import data.berth.lib.result

_params := config.params(rego.metadata.chain())

# Values to suggest for the default variables.
_examples := {
	"NVIDIA_VISIBLE_DEVICES": "all",
	"NVIDIA_DRIVER_CAPABILITIES": "compute,utility",
}

deny contains finding if {
	some project in input.projects
	some service in project.services
	service.gpu.reserved == true
	source := _image_source(service, input.dockerfiles)
	not _cuda_base(source, _params.images_with_env)

	provided := _compose_env(service) | source.env
	some variable in _params.required_env
	not variable in provided

	message := sprintf(
		"Service %q reserves a GPU but does not set %s, which the NVIDIA container runtime reads when it sets up the container. Set it in the service's environment%s or with ENV in its Dockerfile, or build on a CUDA base image such as nvidia/cuda, which sets it.",
		[service.name, variable, _example(variable)],
	)
	finding := result.fail_service(rego.metadata.chain(), message, service.gpu.location, service.name)
}

_compose_env(service) := {entry.name | some entry in service.environment}

# Returns the base image repositories and ENV names that the service's
# container starts with. A service without build runs its image as is. A
# built service runs its running stage, which inherits from every stage it
# is built FROM, back to a stage based on an image.
# NOTE: a service whose Dockerfile was not loaded, such as one built from a
# remote context or an inline Dockerfile, has no source and is skipped.
_image_source(service, _) := {"bases": {images.repository(service.image.value)}, "env": set()} if {
	not service.build
	service.image.value != ""
}

_image_source(service, dockerfiles) := {"bases": bases, "env": env} if {
	dockerfile := dockerfiles[service.build.dockerfile]
	running := _running_stage(dockerfile.stages, service.build)
	parents := {stage.index: _parent(stage) | some stage in dockerfile.stages}
	chain := graph.reachable(parents, {running.index})

	stages := [stage | some stage in dockerfile.stages; stage.index in chain]
	bases := {images.repository(stage.base.image) |
		some stage in stages
		stage.base.image != ""
	}
	env := {pair.name |
		some stage in stages
		some instruction in stage.instructions
		instruction.command == "env"
		some pair in instruction.env
	}
}

# Stage names are lower case, as BuildKit compares a build target.
_running_stage(stages, build) := stage if {
	target := object.get(build, "target", "")
	target != ""
	some stage in stages
	stage.name == lower(target)
} else := stage if {
	object.get(build, "target", "") == ""
	some stage in stages
	stage.final
}

_parent(stage) := {stage.base.stage} if {
	stage.base.stage >= 0
} else := set()

_cuda_base(source, images_with_env) if {
	some base in source.bases
	images.listed(base, images_with_env)
}

_example(variable) := sprintf(", for example %s=%s,", [variable, _examples[variable]]) if {
	_examples[variable]
} else := ""
