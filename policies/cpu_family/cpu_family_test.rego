package berth.rules.cpu_family_test

import data.berth.rules.cpu_family as rule

_loc(file, line, column) := {"file": file, "line": line, "column": column}

_compose(line, column) := _loc("compose.yaml", line, column)

_families := [
	{"name": "family-cpu-pydeps", "gpu": false, "image": "registry.local/ml/family-cpu-pydeps:2.1", "location": _loc("berth.hcl", 3, 1)},
	{"name": "family-cuda", "gpu": true, "image": "registry.local/ml/family-cuda:12.1", "location": _loc("berth.hcl", 8, 1)},
	{"name": "family-vision-cu121", "gpu": true, "image": "", "location": _loc("berth.hcl", 13, 1)},
]

_input(services, dockerfiles) := {
	"projects": [{"name": "agents", "host": "agents", "services": services}],
	"dockerfiles": dockerfiles,
	"backlog": {"families": _families},
}

_service(name, line, fields) := object.union({"name": name, "location": _compose(line, 3)}, fields)

_image(value, line) := {"image": {"value": value, "location": _compose(line, 12)}}

_build(dockerfile, target) := {"build": {
	"context": "agents/app",
	"dockerfile": dockerfile,
	"dockerfile_exists": true,
	"target": target,
	"location": _compose(3, 5),
}}

_gpu := {"gpu": {"reserved": true, "location": _compose(9, 7)}}

_stage(file, index, name, reference, base_stage, final) := {
	"index": index,
	"name": name,
	"final": final,
	"base": {
		"raw": reference,
		"reference": reference,
		"image": split(reference, ":")[0],
		"stage": base_stage,
	},
	"location": _loc(file, (index * 5) + 1, 1),
	"instructions": [],
}

_finding(service, message, location) := {"rule": "C-4", "msg": message, "location": location, "service": service}

_image_message(service, image) := sprintf(
	"Service %q runs GPU image %s but reserves no GPU. Use the CPU family image registry.local/ml/family-cpu-pydeps:2.1 (family \"family-cpu-pydeps\") instead, or reserve a GPU under deploy.resources.reservations.devices if the service needs one.",
	[service, image],
)

_dockerfile_message(service, dockerfile, image) := sprintf(
	"Service %q reserves no GPU, but its Dockerfile %s builds on GPU image %s. Base the image on the CPU family image registry.local/ml/family-cpu-pydeps:2.1 (family \"family-cpu-pydeps\") instead, or reserve a GPU under deploy.resources.reservations.devices if the service needs one.",
	[service, dockerfile, image],
)

test_fail_service_runs_gpu_family_image if {
	services := [_service("intent-classifier", 2, _image("registry.local/ml/family-cuda:12.1-r3", 3))]

	rule.deny == {_finding(
		"intent-classifier",
		_image_message("intent-classifier", "registry.local/ml/family-cuda:12.1-r3"),
		_compose(3, 12),
	)} with input as _input(services, {})
}

test_fail_family_without_image_matches_by_name if {
	services := [_service("ocr", 2, _image("ghcr.io/acme/family-vision-cu121@sha256:0123abcd", 3))]

	rule.deny == {_finding(
		"ocr",
		_image_message("ocr", "ghcr.io/acme/family-vision-cu121@sha256:0123abcd"),
		_compose(3, 12),
	)} with input as _input(services, {})
}

test_fail_service_runs_cuda_image if {
	services := [_service("embedder", 2, _image("docker.io/nvidia/cuda:12.1.0-runtime-ubuntu22.04", 3))]

	rule.deny == {_finding(
		"embedder",
		_image_message("embedder", "docker.io/nvidia/cuda:12.1.0-runtime-ubuntu22.04"),
		_compose(3, 12),
	)} with input as _input(services, {})
}

test_fail_dockerfile_final_stage_on_cuda if {
	dockerfiles := {"agents/app/Dockerfile": {
		"path": "agents/app/Dockerfile",
		"stages": [_stage("agents/app/Dockerfile", 0, "", "pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime", -1, true)],
	}}
	services := [_service("summarizer", 2, _build("agents/app/Dockerfile", ""))]

	rule.deny == {_finding(
		"summarizer",
		_dockerfile_message("summarizer", "agents/app/Dockerfile", "pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime"),
		_loc("agents/app/Dockerfile", 1, 1),
	)} with input as _input(services, dockerfiles)
}

test_fail_running_stage_builds_on_gpu_stage if {
	file := "agents/app/Dockerfile"
	dockerfiles := {file: {"path": file, "stages": [
		_stage(file, 0, "base", "registry.local/ml/family-cuda:12.1", -1, false),
		_stage(file, 1, "runtime", "base", 0, false),
		_stage(file, 2, "test", "python:3.12", -1, true),
	]}}
	services := [_service("planner", 2, _build(file, "runtime"))]

	rule.deny == {_finding(
		"planner",
		_dockerfile_message("planner", file, "registry.local/ml/family-cuda:12.1"),
		_loc(file, 1, 1),
	)} with input as _input(services, dockerfiles)
}

test_fail_cpu_family_without_image if {
	services := [_service("tagger", 2, _image("nvcr.io/nvidia/cuda:12.4.1-base", 3))]
	families := [{"name": "family-cuda", "gpu": true}]

	rule.deny == {_finding(
		"tagger",
		`Service "tagger" runs GPU image nvcr.io/nvidia/cuda:12.4.1-base but reserves no GPU. Use the CPU family "family-cpu-pydeps" instead, or reserve a GPU under deploy.resources.reservations.devices if the service needs one.`,
		_compose(3, 12),
	)} with input as object.union(_input(services, {}), {"backlog": {"families": families}})
}

test_fail_custom_base_images_and_cpu_family if {
	services := [
		_service("ranker", 2, _image("rocm/pytorch:latest", 3)),
		_service("reader", 5, _image("pytorch/pytorch:2.3.0-cpu", 6)),
	]
	params := {"gpu_base_images": ["rocm/"], "cpu_family": "family-slim"}

	rule.deny == {_finding(
		"ranker",
		`Service "ranker" runs GPU image rocm/pytorch:latest but reserves no GPU. Use the CPU family "family-slim" instead, or reserve a GPU under deploy.resources.reservations.devices if the service needs one.`,
		_compose(3, 12),
	)} with input as object.union(_input(services, {}), {"backlog": {"items": {"C-4": {"params": params}}}})
}

test_success_gpu_reserved if {
	file := "agents/app/Dockerfile"
	dockerfiles := {file: {"path": file, "stages": [_stage(file, 0, "", "nvidia/cuda:12.1.0-runtime-ubuntu22.04", -1, true)]}}
	services := [
		_service("trainer", 2, object.union(_image("registry.local/ml/family-cuda:12.1", 3), _gpu)),
		_service("scheduler", 11, object.union(_build(file, ""), _gpu)),
	]

	rule.deny == set() with input as _input(services, dockerfiles)
}

test_success_cpu_images if {
	file := "agents/app/Dockerfile"
	dockerfiles := {file: {"path": file, "stages": [
		_stage(file, 0, "build", "nvidia/cuda:12.1.0-devel-ubuntu22.04", -1, false),
		_stage(file, 1, "", "registry.local/ml/family-cpu-pydeps:2.1", -1, true),
	]}}
	services := [
		_service("router", 2, _image("registry.local/ml/family-cpu-pydeps:2.1", 3)),
		_service("indexer", 5, _build(file, "")),
		_service("redis", 8, _image("redis:7", 9)),
		_service("cuda-tools", 11, _image("registry.local/nvidia/cuda-tools:1", 12)),
	]

	rule.deny == set() with input as _input(services, dockerfiles)
}

test_success_dockerfile_not_loaded if {
	services := [_service("agent", 2, _build("agents/missing/Dockerfile", ""))]

	rule.deny == set() with input as _input(services, {})
}

test_success_no_projects if {
	rule.deny == set() with input as {"projects": [], "dockerfiles": {}}
}

test_fail_null_service_fields if {
	file := "agents/app/Dockerfile"
	dockerfiles := {file: {"path": file, "stages": [_stage(file, 0, "", "nvidia/cuda:12.1.0-base", -1, true)]}}
	services := [
		_service("parser", 2, {
			"gpu": null,
			"image": {"value": null, "location": _compose(3, 12)},
			"build": null,
			"profiles": null,
			"labels": null,
			"environment": null,
		}),
		_service("embedder", 5, object.union({"gpu": null, "build": null}, _image("nvidia/cuda:12.1.0-runtime", 6))),
		_service("summarizer", 8, {"build": object.union(_build(file, "").build, {"target": null}), "image": null}),
	]
	doc := object.union(_input(services, dockerfiles), {"backlog": {"items": {"C-4": {"params": null}}}})

	rule.deny == {
		_finding("embedder", _image_message("embedder", "nvidia/cuda:12.1.0-runtime"), _compose(6, 12)),
		_finding("summarizer", _dockerfile_message("summarizer", file, "nvidia/cuda:12.1.0-base"), _loc(file, 1, 1)),
	} with input as doc
}

# Without families, only the GPU base images match, and the message names
# the CPU family without an image. A family without a name matches nothing.
test_fail_null_and_unnamed_families if {
	services := [
		_service("tagger", 2, _image("nvcr.io/nvidia/cuda:12.4.1-base", 3)),
		_service("ocr", 5, _image("registry.local/family-vision-cu121:2", 6)),
	]
	message := `Service "tagger" runs GPU image nvcr.io/nvidia/cuda:12.4.1-base but reserves no GPU. Use the CPU family "family-cpu-pydeps" instead, or reserve a GPU under deploy.resources.reservations.devices if the service needs one.`

	rule.deny == {_finding("tagger", message, _compose(3, 12))} with input as object.union(_input(services, {}), {"backlog": {"families": null}})
	rule.deny == {_finding("tagger", message, _compose(3, 12))} with input as object.union(_input(services, {}), {"backlog": {"families": [{"name": null, "gpu": true, "image": ""}]}})
}
