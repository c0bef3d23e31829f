# METADATA
# title: Outdated Python or root user in an image
# description: Images must not ship a Python older than the minimum version, and each Dockerfile must run its container as a non-root user.
# related_resources:
#   - description: Rule documentation
#     ref: https://github.com/berth-policy/berth/blob/main/docs/rules/C-5.md
# custom:
#   id: C-5
#   name: python-version
#   priority: P1
#   tags:
#     - security
#     - images
#   security_severity: "7.0"
#   params:
#     min_python: "3.11"
#     allow_root_images: []
package berth.rules.python_version

import data.berth.lib.config
import data.berth.lib.dockerfile_stages
import data.berth.lib.image_families
import data.berth.lib.images
import data.berth.lib.result

_params := config.params(rego.metadata.chain())

_families := object.get(input, ["backlog", "families"], [])

# A Dockerfile stage starts from an image with an old Python.
deny contains finding if {
	some path, dockerfile in input.dockerfiles
	some stage in dockerfile.stages
	stage.base.image != ""
	version := _python_version(images.repository(stage.base.image), object.get(stage.base, "tag", ""), _families)
	version < _min_version

	message := sprintf(
		"Dockerfile %s builds %s on %s, which ships Python %s. Move it to a base image with Python %s or newer.",
		[path, _stage_text(stage), stage.base.reference, _version_text(version), _params.min_python],
	)
	finding := result.fail(rego.metadata.chain(), message, stage.location)
}

# A service runs an image with an old Python without building it.
deny contains finding if {
	some project in input.projects
	some service in project.services
	not _builds(service)
	repository := images.repository(service.image.value)
	version := _python_version(repository, _tag(service.image.value), _families)
	version < _min_version

	message := sprintf(
		"Service %q runs image %s, which ships Python %s. Move it to an image with Python %s or newer.",
		[service.name, service.image.value, _version_text(version), _params.min_python],
	)
	finding := result.fail_service(rego.metadata.chain(), message, service.image.location, service.name)
}

# A running stage sets no USER, so its container runs as root.
deny contains finding if {
	some [path, index] in _checked_stages
	stages := input.dockerfiles[path].stages
	not _last_user(stages, index)
	stage := _stage_at(stages, index)

	message := sprintf(
		"Dockerfile %s runs %s as root because no USER instruction sets another user. Add USER with a non-root user, such as USER 10001, or set user: to a non-root user on every service that builds it.",
		[path, _stage_text(stage)],
	)
	finding := result.fail(rego.metadata.chain(), message, stage.location)
}

# The last USER of a running stage is root.
deny contains finding if {
	some [path, index] in _checked_stages
	stages := input.dockerfiles[path].stages
	instruction := _last_user(stages, index)
	_root_user(instruction.args[0])

	message := sprintf(
		"Dockerfile %s runs %s as root because USER %s is its last USER instruction. Add a USER instruction with a non-root user after the steps that need root.",
		[path, _stage_text(_stage_at(stages, index)), instruction.args[0]],
	)
	finding := result.fail(rego.metadata.chain(), message, instruction.location)
}

_min_version := _parse_version(_params.min_python)

# Version sources, all of which may apply to one image: the tag of an
# official-style python image (python:3.10-slim), a py310 or python3.10
# marker in the reference, and a marker in the name or image of a backlog
# family that the image belongs to. The oldest version found wins.
_python_version(repository, tag, families) := min(versions) if {
	from_tag := _python_tag_versions(repository, tag)
	from_reference := _marker_versions(sprintf("%s:%s", [repository, tag]))
	from_families := {version |
		some family in image_families.matching(repository, families)
		some version in _marker_versions(sprintf("%s %s", [family.name, object.get(family, "image", "")]))
	}

	versions := (from_tag | from_reference) | from_families
}

_python_tag_versions(repository, tag) := {_parse_version(tag)} if {
	image_families.last_path_part(repository) == "python"
	_parse_version(tag)
} else := set()

# py310, py3.10, python3.10 and python-3.10, standing alone or between
# separators, give Python 3.10. The first digit is the major version.
_marker_versions(text) := {[to_number(match[1]), to_number(match[2])] |
	some match in regex.find_all_string_submatch_n(
		`(?:^|[^a-z0-9])py(?:thon)?-?([23])\.?(\d{1,2})(?:[^0-9]|$)`,
		lower(text),
		-1,
	)
}

_parse_version(text) := [to_number(match[1]), to_number(match[2])] if {
	is_string(text)
	match := regex.find_all_string_submatch_n(`^(\d+)\.(\d+)`, text, 1)[0]
}

_version_text(version) := sprintf("%d.%d", version)

# The tag of a Compose image reference. A colon before the last slash
# belongs to a registry port.
_tag(reference) := tag if {
	is_string(reference)
	without_digest := split(reference, "@")[0]
	match := regex.find_all_string_submatch_n(`:([^/:]*)$`, without_digest, 1)[0]
	tag := match[1]
} else := ""

# Stages whose USER the containers run with, as [Dockerfile path, stage
# index] pairs. A stage that a service runs is checked unless the service
# sets a non-root user: in Compose, so a stage is skipped only when every
# service that runs it sets one. A Dockerfile that no service builds is
# checked on its final stage.
_checked_stages contains [path, stage.index] if {
	some project in input.projects
	some service in project.services
	path := service.build.dockerfile
	not path in _params.allow_root_images
	not _non_root_compose_user(service)
	stage := dockerfile_stages.running_stage(input.dockerfiles[path], service.build)
}

_checked_stages contains [path, stage.index] if {
	some path, dockerfile in input.dockerfiles
	not path in _params.allow_root_images
	not path in _built_dockerfiles
	some stage in dockerfile.stages
	stage.final
}

# A build key written as null, or left out, is no build section. The
# service is passed whole because not f(x.y) is undefined, not true, when
# x.y is undefined.
_builds(service) if is_object(service.build)

_built_dockerfiles contains service.build.dockerfile if {
	some project in input.projects
	some service in project.services
}

_non_root_compose_user(service) if {
	is_string(service.user.value)
	service.user.value != ""
	not _root_user(service.user.value)
}

# The USER instruction in effect at the end of the stage at index: the last
# one in that stage, or else in the nearest stage it builds on.
# NOTE: a USER set inside the base image is not visible here, so a stage
# that relies on its base image's non-root USER is reported as root.
_last_user(stages, index) := _stage_at(stages, last[0]).instructions[last[1]] if {
	positions := {[stage.index, i] |
		some stage in dockerfile_stages.lineage(stages, index)
		some i, instruction in stage.instructions
		instruction.command == "user"
	}
	last := max(positions)
}

_stage_at(stages, index) := [stage | some stage in stages; stage.index == index][0]

# The user part of user[:group] decides, so root:staff and 0:1000 are root.
# A variable such as $APP_UID is taken as non-root because its value is not
# known here.
_root_user(value) if {
	is_string(value)
	lower(split(trim_space(value), ":")[0]) in {"root", "0"}
}

_stage_text(stage) := sprintf("its final stage %q", [stage.name]) if {
	stage.final
	_named(stage)
} else := "its final stage" if {
	stage.final
} else := sprintf("stage %q", [stage.name]) if {
	_named(stage)
} else := sprintf("stage %d", [stage.index])

_named(stage) if {
	is_string(stage.name)
	stage.name != ""
}
