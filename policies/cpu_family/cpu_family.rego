# METADATA
# title: GPU image on a service without a GPU
# description: Services that reserve no GPU must run the CPU family image, not a GPU family or CUDA image.
# related_resources:
#   - description: Rule documentation
#     ref: https://github.com/berth-policy/berth/blob/main/docs/rules/C-4.md
# custom:
#   id: C-4
#   name: cpu-family
#   priority: P1
#   tags:
#     - images
#     - gpu
#   params:
#     cpu_family: family-cpu-pydeps
#     gpu_base_images:
#       - nvidia/cuda
#       - nvcr.io/nvidia/cuda
#       - pytorch/pytorch
package berth.rules.cpu_family

import data.berth.lib.config
import data.berth.lib.dockerfile_stages
import data.berth.lib.image_families
import data.berth.lib.images
import data.berth.lib.result

_params := config.params(rego.metadata.chain())

# A service without a GPU runs a GPU image directly.
deny contains finding if {
	some project in input.projects
	some service in project.services
	not _gpu_reserved(service)
	_gpu_image(images.repository(service.image.value), _families, _params.gpu_base_images)

	message := sprintf(
		"Service %q runs GPU image %s but reserves no GPU. Use %s instead, or reserve a GPU under deploy.resources.reservations.devices if the service needs one.",
		[service.name, service.image.value, _cpu_family_text(_params.cpu_family, _families)],
	)
	finding := result.fail_service(rego.metadata.chain(), message, service.image.location, service.name)
}

# A service without a GPU builds on a GPU image. The finding points at the
# FROM that names the image, which is in an earlier stage when the running
# stage builds on another stage.
deny contains finding if {
	some project in input.projects
	some service in project.services
	not _gpu_reserved(service)
	dockerfile := input.dockerfiles[service.build.dockerfile]
	stage := dockerfile_stages.running_stage(dockerfile, service.build)
	base := dockerfile_stages.image_stage(dockerfile.stages, stage.index)
	base.base.image != ""
	_gpu_image(images.repository(base.base.image), _families, _params.gpu_base_images)

	message := sprintf(
		"Service %q reserves no GPU, but its Dockerfile %s builds on GPU image %s. Base the image on %s instead, or reserve a GPU under deploy.resources.reservations.devices if the service needs one.",
		[service.name, service.build.dockerfile, base.base.reference, _cpu_family_text(_params.cpu_family, _families)],
	)
	finding := result.fail_service(rego.metadata.chain(), message, base.location, service.name)
}

_families := object.get(input, ["backlog", "families"], [])

_gpu_reserved(service) if service.gpu.reserved == true

_gpu_image(repository, families, _) if {
	some family in image_families.matching(repository, families)
	family.gpu == true
}

# NOTE: pytorch/pytorch also publishes CPU-only tags, but most of its tags
# bundle CUDA, so the default list treats every pytorch/pytorch tag as a GPU
# image. A team that uses the CPU tags can drop it from gpu_base_images.
_gpu_image(repository, _, gpu_base_images) if {
	some prefix in gpu_base_images
	startswith(repository, images.repository(prefix))
}

_cpu_family_text(name, families) := sprintf("the CPU family image %s (family %q)", [declared[0], name]) if {
	declared := [family.image |
		some family in families
		family.name == name
		object.get(family, "image", "") != ""
	]
} else := sprintf("the CPU family %q", [name])
