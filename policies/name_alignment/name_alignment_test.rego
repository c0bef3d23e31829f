package berth.rules.name_alignment_test

import data.berth.rules.name_alignment as rule

_loc(line, column) := {"file": "deploy/compose.yaml", "line": line, "column": column}

_input(services) := {"projects": [{"name": "gpu", "host": "gpu", "dir": "deploy", "services": services}]}

_service(name, line, fields) := object.union({"name": name, "location": _loc(line, 3)}, fields)

_build(context, line) := {"build": {
	"context": context,
	"dockerfile": concat("/", [context, "Dockerfile"]),
	"dockerfile_exists": true,
	"inline": false,
	"remote": false,
	"location": _loc(line, 5),
}}

_container_name(value, line) := {"container_name": {"value": value, "location": _loc(line, 21)}}

_finding(service, message, location) := {"rule": "C-20", "msg": message, "location": location, "service": service}

_folder_message(service, folder, context) := sprintf(
	"Service %q builds from folder %q (%s), whose name does not match the service name. Rename the folder or the service so that they match. Case and the separators - and _ are ignored.",
	[service, folder, context],
)

_container_message(service, container_name) := sprintf(
	"Service %q sets container_name %q, which does not match the service name. Rename one of them so that they match, or remove container_name. Case and the separators - and _ are ignored.",
	[service, container_name],
)

test_fail_context_folder_differs if {
	services := [_service("CrossMachineGPUScheduler", 2, _build("services/gpu_scheduler", 3))]

	rule.deny == {_finding(
		"CrossMachineGPUScheduler",
		_folder_message("CrossMachineGPUScheduler", "gpu_scheduler", "services/gpu_scheduler"),
		_loc(3, 5),
	)} with input as _input(services)
}

test_fail_container_name_differs if {
	services := [_service("cross-machine-gpu-scheduler", 2, object.union(
		_build("services/cross_machine_gpu_scheduler/", 3),
		_container_name("gpu-scheduler", 6),
	))]

	rule.deny == {_finding(
		"cross-machine-gpu-scheduler",
		_container_message("cross-machine-gpu-scheduler", "gpu-scheduler"),
		_loc(6, 21),
	)} with input as _input(services)
}

test_fail_context_outside_project_dir if {
	services := [_service("audio-router", 2, _build("../agents/streaming_audio", 3))]

	rule.deny == {_finding(
		"audio-router",
		_folder_message("audio-router", "streaming_audio", "../agents/streaming_audio"),
		_loc(3, 5),
	)} with input as _input(services)
}

test_fail_both_spellings_differ if {
	services := [_service("tts", 2, object.union(_build("services/speech", 3), _container_name("tts_1", 6)))]

	rule.deny == {
		_finding("tts", _folder_message("tts", "speech", "services/speech"), _loc(3, 5)),
		_finding("tts", _container_message("tts", "tts_1"), _loc(6, 21)),
	} with input as _input(services)
}

test_success_spellings_match_after_normalizing if {
	services := [
		_service("CrossMachineGPUScheduler", 2, object.union(
			_build("services/cross_machine_gpu_scheduler", 3),
			_container_name("cross-machine-gpu-scheduler", 6),
		)),
		_service("redis", 8, _container_name("Redis", 9)),
	]

	rule.deny == set() with input as _input(services)
}

test_success_shared_and_remote_contexts if {
	services := [
		_service("api", 2, _build("deploy", 3)),
		_service("web", 5, _build(".", 6)),
		_service("worker", 8, {"build": {
			"context": "https://github.com/acme/tools.git#main:worker",
			"remote": true,
			"location": _loc(9, 5),
		}}),
	]

	rule.deny == set() with input as _input(services)
}

test_success_context_parent_of_project_dir if {
	services := [_service("scheduler", 2, _build("deploy", 3))]
	project := {"name": "gpu", "host": "gpu", "dir": "deploy/gpu", "services": services}

	rule.deny == set() with input as {"projects": [project]}
}

test_success_exempt_services if {
	services := [_service("CrossMachineGPUScheduler", 2, object.union(
		_build("services/gpu_scheduler", 3),
		_container_name("gpu-scheduler", 6),
	))]

	rule.deny == set() with input as object.union(
		_input(services),
		{"backlog": {"items": {"C-20": {"params": {"exempt_services": ["cross-machine-gpu-scheduler"]}}}}},
	)
}

test_success_no_projects if {
	rule.deny == set() with input as {"projects": []}
}

# Null values name no folder or container, and a null project dir counts
# as the root of the run.
test_fail_null_fields if {
	services := [
		_service("web", 2, {"build": null, "container_name": null, "image": null, "profiles": null, "labels": null}),
		_service("api", 4, object.union(_build("services/api", 5), {"container_name": {"value": null, "location": _loc(6, 21)}})),
		_service("worker", 8, {"build": object.union(_build("services/worker", 9).build, {"context": null})}),
		_service("tts", 11, _build("services/speech", 12)),
	]
	doc := {
		"projects": [{"name": "gpu", "host": "gpu", "dir": null, "services": services}],
		"backlog": {"items": {"C-20": {"params": null}}},
	}

	rule.deny == {_finding("tts", _folder_message("tts", "speech", "services/speech"), _loc(12, 5))} with input as doc
}
