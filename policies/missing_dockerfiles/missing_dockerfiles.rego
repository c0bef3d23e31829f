# METADATA
# title: Service without a Dockerfile
# description: Listed services must build from a Dockerfile in the repository, and every build must point at a Dockerfile that exists.
# related_resources:
#   - description: Rule documentation
#     ref: https://github.com/berth-policy/berth/blob/main/docs/rules/C-3.md
# custom:
#   id: C-3
#   name: missing-dockerfiles
#   priority: P0
#   tags:
#     - build
#   params:
#     services:
#       - ServiceRegistry
#       - SystemDigitalTwin
#       - TieredResponder
package berth.rules.missing_dockerfiles

import data.berth.lib.config
import data.berth.lib.names
import data.berth.lib.result

_params := config.params(rego.metadata.chain())

# A listed service pulls an image instead of building one.
deny contains finding if {
	some project in input.projects
	some service in project.services
	names.listed(service.name, _params.services)
	not _section(service, "build")
	_section(service, "image")

	message := sprintf(
		"Service %q pulls image %s instead of building from a Dockerfile in this repository. Add a Dockerfile for it and a build: section that points at it.",
		[service.name, service.image.value],
	)
	finding := result.fail_service(rego.metadata.chain(), message, service.image.location, service.name)
}

# A listed service has neither an image nor a build section.
deny contains finding if {
	some project in input.projects
	some service in project.services
	names.listed(service.name, _params.services)
	not _section(service, "build")
	not _section(service, "image")

	message := sprintf(
		"Service %q has neither a build: section nor an image. Add a Dockerfile for it and a build: section that points at it.",
		[service.name],
	)
	finding := result.fail_service(rego.metadata.chain(), message, service.location, service.name)
}

# A listed service keeps its Dockerfile inline in the Compose file.
deny contains finding if {
	some project in input.projects
	some service in project.services
	names.listed(service.name, _params.services)
	service.build.inline
	not service.build.remote

	message := sprintf(
		"Service %q builds from dockerfile_inline. Move the instructions into a Dockerfile in the repository, so that it is reviewed and checked like the other Dockerfiles, and point build.dockerfile at it.",
		[service.name],
	)
	finding := result.fail_service(rego.metadata.chain(), message, service.build.location, service.name)
}

# Any service builds from a Dockerfile that is not on disk. Remote contexts
# are not fetched, so their Dockerfiles cannot be checked.
deny contains finding if {
	some project in input.projects
	some service in project.services
	_section(service, "build")
	not service.build.dockerfile_exists
	not service.build.inline
	not service.build.remote

	message := sprintf(
		"Service %q builds from Dockerfile %s, which does not exist. Add the Dockerfile, or fix build.context and build.dockerfile so that they point at it.",
		[service.name, service.build.dockerfile],
	)
	finding := result.fail_service(rego.metadata.chain(), message, service.build.location, service.name)
}

# A key written as null, or left out, is no section.
_section(service, key) if is_object(service[key])
