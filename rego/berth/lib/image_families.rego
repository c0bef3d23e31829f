# METADATA
# title: Image families
# description: Matches image repositories against the image families declared in the backlog.
package berth.lib.image_families

import data.berth.lib.images

# METADATA
# title: matching
# description: |
#   Returns the families of the backlog that repository belongs to. A family
#   with an image matches that image's repository. A family without an image,
#   as in the built-in backlog, matches any repository whose last path part
#   is the family name, such as registry.local/family-cuda for family-cuda.
matching(repository, families) := {family |
	some family in families
	_member(lower(repository), family)
}

# METADATA
# title: last_path_part
# description: Returns the part of an image repository after its last slash, such as postgres for registry.local/team/postgres.
last_path_part(repository) := regex.replace(repository, `^.*/`, "")

_member(repository, family) if {
	image := object.get(family, "image", "")
	image != ""
	images.repository(image) == repository
}

_member(repository, family) if {
	object.get(family, "image", "") == ""
	is_string(family.name)
	last_path_part(repository) == lower(family.name)
}
