package berth.lib.dockerfile_stages_test

import data.berth.lib.dockerfile_stages

_stage(index, name, base_stage, final) := {
	"index": index,
	"name": name,
	"final": final,
	"base": {"image": "python", "stage": base_stage},
	"location": {"file": "Dockerfile", "line": index + 1, "column": 1},
}

# builder starts from an image, runtime from builder, and test from an
# image again, so test is the final stage.
_stages := [
	_stage(0, "builder", -1, false),
	_stage(1, "runtime", 0, false),
	_stage(2, "test", -1, true),
]

test_running_stage_final_without_target if {
	dockerfile_stages.running_stage({"stages": _stages}, {"dockerfile": "Dockerfile"}) == _stages[2]
}

test_running_stage_empty_target_is_final if {
	dockerfile_stages.running_stage({"stages": _stages}, {"target": ""}) == _stages[2]
}

test_running_stage_target_ignores_case if {
	dockerfile_stages.running_stage({"stages": _stages}, {"target": "Runtime"}) == _stages[1]
}

test_running_stage_unknown_target_undefined if {
	not dockerfile_stages.running_stage({"stages": _stages}, {"target": "debug"})
}

test_service_stage_looks_up_dockerfile if {
	service := {"name": "api", "build": {"dockerfile": "api/Dockerfile", "target": "runtime"}}
	dockerfile_stages.service_stage(service, {"api/Dockerfile": {"stages": _stages}}) == _stages[1]
}

test_service_stage_missing_dockerfile_undefined if {
	service := {"name": "api", "build": {"dockerfile": "api/Dockerfile"}}
	not dockerfile_stages.service_stage(service, {})
}

test_service_stage_without_build_undefined if {
	not dockerfile_stages.service_stage({"name": "db"}, {"Dockerfile": {"stages": _stages}})
}

test_lineage_nearest_first if {
	dockerfile_stages.lineage(_stages, 1) == [_stages[1], _stages[0]]
}

test_lineage_image_stage_alone if {
	dockerfile_stages.lineage(_stages, 2) == [_stages[2]]
}

test_image_stage_follows_stage_references if {
	dockerfile_stages.image_stage(_stages, 1) == _stages[0]
}

test_image_stage_of_image_stage_is_itself if {
	dockerfile_stages.image_stage(_stages, 0) == _stages[0]
}

test_running_stage_null_target_is_final if {
	dockerfile_stages.running_stage({"stages": _stages}, {"target": null}) == _stages[2]
}

test_running_stage_null_build_is_final if {
	dockerfile_stages.running_stage({"stages": _stages}, null) == _stages[2]
}

test_running_stage_null_stages_undefined if {
	not dockerfile_stages.running_stage({"stages": null}, {"target": ""})
}
