# Every FROM must name a base image by a version tag other than latest, or
# by a digest. Written in conftest's conventions for berth's benchmarks.
#
# conftest parses a Dockerfile into a list of instructions such as
# {"Cmd": "from", "Value": ["python:3.12-slim", "AS", "build"]}, with the
# command in lower case and the arguments in Value.
package main

deny contains msg if {
	is_array(input)
	some instruction in input
	instruction.Cmd == "from"
	image := instruction.Value[0]
	lower(image) != "scratch"
	not lower(image) in _stage_names
	not _pinned(image)

	msg := sprintf("base-image: FROM %s has no version tag; pin a tag other than latest, or a digest", [image])
}

# Names given with FROM ... AS name, which later FROM lines may refer to.
_stage_names contains lower(instruction.Value[2]) if {
	is_array(input)
	some instruction in input
	instruction.Cmd == "from"
	count(instruction.Value) == 3
	lower(instruction.Value[1]) == "as"
}

_pinned(image) if contains(image, "@sha256:")

_pinned(image) if {
	tag := _tag(image)
	tag != ""
	tag != "latest"
}

# The tag is after the colon in the last path part; a colon in an earlier
# part is a registry port.
_tag(image) := split(last, ":")[1] if {
	parts := split(split(image, "@")[0], "/")
	last := parts[count(parts) - 1]
	contains(last, ":")
}
