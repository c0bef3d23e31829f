# METADATA
# title: Dockerfile stages
# description: Finds the stage that a service runs and the stages it builds on.
package berth.lib.dockerfile_stages

# METADATA
# title: running_stage
# description: |
#   Returns the stage of dockerfile that build runs: the stage named by
#   build.target when it is set, else the final stage. Undefined when the
#   target names no stage. Stage names are compared in lower case, as
#   BuildKit compares them. A target that is null or not a string counts as
#   unset.
running_stage(dockerfile, build) := [stage |
	some stage in dockerfile.stages
	_selected(stage, _target(build))
][0]

_target(build) := build.target if {
	is_string(build.target)
} else := ""

_selected(stage, "") if stage.final

_selected(stage, target) if {
	target != ""
	stage.name == lower(target)
}

# METADATA
# title: service_stage
# description: |
#   Returns the running stage of the Dockerfile that service builds.
#   Undefined when the service does not build or its Dockerfile was not
#   loaded into dockerfiles.
service_stage(service, dockerfiles) := running_stage(dockerfiles[service.build.dockerfile], service.build)

# METADATA
# title: lineage
# description: |
#   Returns the stage at index followed by every stage it builds on through
#   FROM <stage>, nearest first. A FROM can name only an earlier stage, so
#   the stages come in falling index order and the last one starts from an
#   image or scratch.
lineage(stages, index) := [by_index[i] |
	some i in array.reverse(sort(graph.reachable(_parents(stages), {index})))
] if {
	by_index := {stage.index: stage | some stage in stages}
}

# METADATA
# title: image_stage
# description: |
#   Returns the stage whose FROM names the image that the stage at index
#   starts from, following FROM <stage> references. The result may be a
#   FROM scratch stage, whose base.image is empty.
image_stage(stages, index) := stage if {
	chain := lineage(stages, index)
	stage := chain[count(chain) - 1]
}

_parents(stages) := {stage.index: {stage.base.stage | stage.base.stage >= 0} | some stage in stages}
