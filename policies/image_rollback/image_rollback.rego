# METADATA
# title: Image cannot be rolled back
# description: Images that the stack builds must take their tag from the rollback variable, and no service may run an untagged or latest image.
# related_resources:
#   - description: Rule documentation
#     ref: https://github.com/berth-policy/berth/blob/main/docs/rules/C-16.md
# custom:
#   id: C-16
#   name: image-rollback
#   priority: P2
#   tags:
#     - images
#     - deployment
#   params:
#     variable: FORCE_IMAGE_TAG
#     exempt_services: []
package berth.rules.image_rollback

import data.berth.lib.config
import data.berth.lib.names
import data.berth.lib.result

_params := config.params(rego.metadata.chain())

# A service that builds and names its image pushes that image, so the tag
# must be overridable.
deny contains finding if {
	some project in input.projects
	some service in project.services
	service.build
	image := service.image
	not names.listed(service.name, _params.exempt_services)
	not _overridable(image, _params.variable)

	message := sprintf(
		"Service %q builds and pushes image %s with a tag that %s cannot override. Write the image as %s:${%s:-%s}, so that setting %s redeploys an earlier build without editing the Compose file.",
		[
			service.name, _written(image), _params.variable,
			_name(image.value), _params.variable, _default_tag(image.value), _params.variable,
		],
	)
	finding := result.fail_service(rego.metadata.chain(), message, image.location, service.name)
}

# Any other image without a version: the tag is empty or latest and no
# digest pins it. A built image that already failed the check above is not
# reported twice.
deny contains finding if {
	some project in input.projects
	some service in project.services
	image := service.image
	not names.listed(service.name, _params.exempt_services)
	not _reported_above(service, _params.variable)

	reference := image.value
	not contains(reference, "@")

	# An image ending in a colon lost its tag to an unset variable, which is
	# a problem of the variable, not of the tag.
	not endswith(reference, ":")
	tag := _tag(reference)
	tag in {"", "latest"}

	message := sprintf(
		"Service %q runs image %s, which %s, so every pull can bring a different build and no earlier version can be named for a rollback. Use a version tag or a digest, such as %s:1.2.3.",
		[service.name, reference, _tag_problem(tag), _name(reference)],
	)
	finding := result.fail_service(rego.metadata.chain(), message, image.location, service.name)
}

_reported_above(service, variable) if {
	service.build
	not _overridable(service.image, variable)
}

# The variable must start the tag: image:${VAR}, image:${VAR:-default},
# image:${VAR-default}, image:${VAR:?message} or image:$VAR.
_overridable(image, variable) if {
	variable in object.get(image, "variables", [])
	pattern := sprintf(`:\$(?:\{%s(?:\}|:?[-?])|%s(?:[^A-Za-z0-9_]|$))`, [variable, variable])
	regex.match(pattern, object.get(image, "raw", ""))
}

# A tag follows the last colon after the last slash, as images.repository
# reads it. A colon before a slash belongs to a registry port.
_tag(reference) := trim_prefix(match[0], ":") if {
	match := regex.find_n(`:[^/:]*$`, reference, 1)
	count(match) == 1
} else := ""

_name(reference) := regex.replace(split(reference, "@")[0], `:[^/:]*$`, "")

_default_tag(reference) := tag if {
	tag := _tag(reference)
	not tag in {"", "latest"}
} else := "1.2.3"

_tag_problem("") := "has no tag and so means latest"

_tag_problem("latest") := "uses the latest tag"

_written(image) := image.raw if {
	object.get(image, "raw", "") != ""
} else := image.value
