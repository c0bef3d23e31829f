# METADATA
# title: Image family declared but unused
# description: Every image family in the backlog must be the image or base image of at least one service or Dockerfile stage.
# related_resources:
#   - description: Rule documentation
#     ref: https://github.com/berth-policy/berth/blob/main/docs/rules/C-11.md
# custom:
#   id: C-11
#   name: unused-families
#   priority: P2
#   tags:
#     - images
#   params:
#     keep: []
package berth.rules.unused_families

import data.berth.lib.config
import data.berth.lib.images
import data.berth.lib.names
import data.berth.lib.result

_params := config.params(rego.metadata.chain())

# A partial run, such as a pre-commit hook, loads only some files, so a
# family may be used by a file that was not loaded.
deny contains finding if {
	not input.partial
	used := _used_repositories
	used_names := {names.normalize(_last_part(repository)) | some repository in used}

	some family in input.backlog.families
	_declared(family)
	not names.listed(family.name, _params.keep)
	not _used(family, used, used_names)

	message := sprintf(
		"Image family %q%s is declared in the backlog, but no service image and no Dockerfile FROM uses it. Remove the family block, or build the services that need it on this family.",
		[family.name, _image_note(family)],
	)
	finding := result.fail(rego.metadata.chain(), message, family.location)
}

# Repositories of every service image and every Dockerfile base image, in
# the form images.repository returns.
# NOTE: an image or FROM line whose variables did not resolve yields an
# incomplete reference, so a family used only that way is reported as unused.
_used_repositories := {images.repository(service.image.value) |
	some project in input.projects
	some service in project.services
	service.image.value != ""
} | {images.repository(stage.base.image) |
	some dockerfile in input.dockerfiles
	some stage in dockerfile.stages
	stage.base.image != ""
}

# The built-in backlog, used when a repository has no backlog file, brings
# families without a location. The team never wrote them, and there is no
# block to remove, so only families read from a backlog file are checked.
_declared(family) if object.get(family, ["location", "file"], "") != ""

_used(family, repositories, _) if {
	family.image != ""
	images.repository(family.image) in repositories
}

# An image named after the family, such as registry.local/family-cpu-pydeps
# for the family family-cpu-pydeps, uses it even when the family names no
# image.
_used(family, _, used_names) if names.normalize(family.name) in used_names

_last_part(repository) := regex.replace(repository, `^.*/`, "")

_image_note(family) := sprintf(" (%s)", [family.image]) if {
	family.image != ""
} else := ""
