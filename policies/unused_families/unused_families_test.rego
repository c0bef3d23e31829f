package berth.rules.unused_families_test

import data.berth.rules.unused_families as rule

_backlog_loc(line) := {"file": "berth.hcl", "line": line, "column": 1}

_family(name, image, line) := {"name": name, "gpu": false, "image": image, "location": _backlog_loc(line)}

_service(name, image) := {
	"name": name,
	"location": {"file": "compose.yaml", "line": 2, "column": 3},
	"image": {"value": image, "location": {"file": "compose.yaml", "line": 3, "column": 12}},
}

_stage(image) := {
	"index": 0,
	"final": true,
	"base": {"raw": image, "reference": image, "image": image, "tag": "", "digest": "", "stage": -1, "scratch": false},
	"location": {"file": "agents/Dockerfile", "line": 1, "column": 1},
	"instructions": [],
}

_input(families, services, dockerfiles) := {
	"projects": [{"name": "app", "host": "app", "services": services}],
	"dockerfiles": dockerfiles,
	"backlog": {"families": families},
}

_finding(message, location) := {"rule": "C-11", "msg": message, "location": location}

_message(name, note) := sprintf(
	"Image family %q%s is declared in the backlog, but no service image and no Dockerfile FROM uses it. Remove the family block, or build the services that need it on this family.",
	[name, note],
)

test_fail_family_with_image_unused if {
	families := [
		_family("family-cpu-pydeps", "registry.local/family-cpu-pydeps:3.11", 10),
		_family("family-vision-cu121", "registry.local/vision:cu121", 14),
	]
	services := [_service("agent", "registry.local/family-cpu-pydeps:3.11-slim")]

	rule.deny == {_finding(
		_message("family-vision-cu121", " (registry.local/vision:cu121)"),
		_backlog_loc(14),
	)} with input as _input(families, services, {})
}

test_fail_family_without_image_unused if {
	families := [_family("family-cuda", "", 10)]
	services := [_service("vision", "nvidia/cuda:12.1.0-runtime-ubuntu22.04")]

	rule.deny == {_finding(_message("family-cuda", ""), _backlog_loc(10))} with input as _input(families, services, {})
}

test_fail_other_repository_with_same_tag if {
	families := [_family("family-vision-cu121", "registry.local/vision:cu121", 10)]
	services := [_service("vision", "registry.local/detector:cu121")]

	rule.deny == {_finding(
		_message("family-vision-cu121", " (registry.local/vision:cu121)"),
		_backlog_loc(10),
	)} with input as _input(families, services, {})
}

test_fail_keep_lists_another_family if {
	families := [_family("family-cuda", "", 10), _family("family-vision-cu121", "", 14)]
	params := {"keep": ["family-cuda"]}

	rule.deny == {_finding(_message("family-vision-cu121", ""), _backlog_loc(14))} with input as object.union(
		_input(families, [], {}),
		{"backlog": {"items": {"C-11": {"params": params}}}},
	)
}

test_success_service_image_matches_repository if {
	families := [_family("family-vision-cu121", "docker.io/acme/vision-base:cu121", 10)]
	services := [_service("vision", "acme/vision-base@sha256:0123abcd")]

	rule.deny == set() with input as _input(families, services, {})
}

test_success_dockerfile_base_matches_repository if {
	families := [_family("family-vision-cu121", "registry.local/vision:cu121", 10)]
	dockerfiles := {"agents/Dockerfile": {"path": "agents/Dockerfile", "stages": [_stage("registry.local/vision")]}}

	rule.deny == set() with input as _input(families, [], dockerfiles)
}

test_success_image_named_after_family if {
	families := [
		_family("family-cpu-pydeps", "", 10),
		_family("Family_Vision_CU121", "registry.local/vision:cu121", 14),
	]
	services := [_service("agent", "ghcr.io/acme/family-cpu-pydeps:2024.06")]
	dockerfiles := {"agents/Dockerfile": {"path": "agents/Dockerfile", "stages": [_stage("registry.local:5000/family-vision-cu121")]}}

	rule.deny == set() with input as _input(families, services, dockerfiles)
}

test_success_keep_unused_family if {
	families := [_family("family-vision-cu121", "", 10)]
	params := {"keep": ["family_vision_cu121"]}

	rule.deny == set() with input as object.union(
		_input(families, [], {}),
		{"backlog": {"items": {"C-11": {"params": params}}}},
	)
}

test_success_built_in_families_without_location if {
	families := [{"name": "family-vision-cu121", "gpu": true, "image": "", "location": {"file": "", "line": 0, "column": 0}}]

	rule.deny == set() with input as _input(families, [], {})
}

test_success_partial_run if {
	families := [_family("family-vision-cu121", "registry.local/vision:cu121", 10)]

	rule.deny == set() with input as object.union(_input(families, [], {}), {"partial": true})
}

test_success_no_families if {
	services := [_service("web", "nginx:1.27")]

	rule.deny == set() with input as _input([], services, {})
}
