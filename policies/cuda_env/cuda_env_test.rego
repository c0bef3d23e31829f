package berth.rules.cuda_env_test

import data.berth.rules.cuda_env as rule

_loc(file, line, column) := {"file": file, "line": line, "column": column}

_gpu := {"reserved": true, "location": _loc("compose.yaml", 9, 11)}

_input(services, dockerfiles) := {
	"projects": [{"name": "app", "host": "app", "services": services}],
	"dockerfiles": dockerfiles,
}

_service(name, fields) := object.union({"name": name, "location": _loc("compose.yaml", 2, 3), "gpu": _gpu}, fields)

_image(value) := {"value": value, "location": _loc("compose.yaml", 3, 12)}

_build(dockerfile, target) := {"context": "vision", "dockerfile": dockerfile, "target": target, "location": _loc("compose.yaml", 4, 5)}

_env(name, value) := {"name": name, "value": value, "source": "environment", "location": _loc("compose.yaml", 7, 9)}

_stage(index, name, final, base_image, base_stage, env_names) := {
	"index": index,
	"name": name,
	"final": final,
	"base": {"raw": base_image, "image": base_image, "tag": "", "stage": base_stage},
	"location": _loc("vision/Dockerfile", 1 + (10 * index), 1),
	"instructions": [{
		"command": "env",
		"env": [{"name": env_name, "value": "all"} | some env_name in env_names],
		"location": _loc("vision/Dockerfile", 2 + (10 * index), 1),
	}],
}

_dockerfile(stages) := {"vision/Dockerfile": {"path": "vision/Dockerfile", "stages": stages}}

_finding(service, message) := {"rule": "C-15", "msg": message, "location": _loc("compose.yaml", 9, 11), "service": service}

_visible_devices_message(service) := sprintf(
	"Service %q reserves a GPU but does not set NVIDIA_VISIBLE_DEVICES, which the NVIDIA container runtime reads when it sets up the container. Set it in the service's environment, for example NVIDIA_VISIBLE_DEVICES=all, or with ENV in its Dockerfile, or build on a CUDA base image such as nvidia/cuda, which sets it.",
	[service],
)

_capabilities_message(service) := sprintf(
	"Service %q reserves a GPU but does not set NVIDIA_DRIVER_CAPABILITIES, which the NVIDIA container runtime reads when it sets up the container. Set it in the service's environment, for example NVIDIA_DRIVER_CAPABILITIES=compute,utility, or with ENV in its Dockerfile, or build on a CUDA base image such as nvidia/cuda, which sets it.",
	[service],
)

test_fail_image_without_variables if {
	services := [_service("vision", {"image": _image("pytorch/pytorch:2.3.0-runtime")})]

	rule.deny == {
		_finding("vision", _visible_devices_message("vision")),
		_finding("vision", _capabilities_message("vision")),
	} with input as _input(services, {})
}

test_fail_one_variable_in_compose if {
	services := [_service("vision", {
		"image": _image("registry.local/vision:1.2"),
		"environment": [_env("NVIDIA_VISIBLE_DEVICES", "0")],
	})]

	rule.deny == {_finding("vision", _capabilities_message("vision"))} with input as _input(services, {})
}

test_fail_env_only_in_unused_stage if {
	stages := [
		_stage(0, "devel", false, "python:3.12", -1, ["NVIDIA_VISIBLE_DEVICES", "NVIDIA_DRIVER_CAPABILITIES"]),
		_stage(1, "runtime", true, "python:3.12-slim", -1, ["NVIDIA_DRIVER_CAPABILITIES"]),
	]
	services := [_service("vision", {"build": _build("vision/Dockerfile", "")})]

	rule.deny == {_finding("vision", _visible_devices_message("vision"))} with input as _input(services, _dockerfile(stages))
}

test_fail_target_stage_on_plain_base if {
	stages := [
		_stage(0, "cuda", false, "nvidia/cuda", -1, []),
		_stage(1, "cpu", false, "python:3.12-slim", -1, ["NVIDIA_DRIVER_CAPABILITIES"]),
		_stage(2, "", true, "", 0, []),
	]
	services := [_service("vision", {"build": _build("vision/Dockerfile", "CPU")})]

	rule.deny == {_finding("vision", _visible_devices_message("vision"))} with input as _input(services, _dockerfile(stages))
}

test_fail_custom_required_env if {
	services := [_service("vision", {
		"image": _image("registry.local/vision:1.2"),
		"environment": [_env("NVIDIA_VISIBLE_DEVICES", "all"), _env("NVIDIA_DRIVER_CAPABILITIES", "all")],
	})]
	params := {"required_env": ["NVIDIA_VISIBLE_DEVICES", "CUDA_MODULE_LOADING"]}

	rule.deny == {_finding(
		"vision",
		"Service \"vision\" reserves a GPU but does not set CUDA_MODULE_LOADING, which the NVIDIA container runtime reads when it sets up the container. Set it in the service's environment or with ENV in its Dockerfile, or build on a CUDA base image such as nvidia/cuda, which sets it.",
	)} with input as object.union(_input(services, {}), {"backlog": {"items": {"C-15": {"params": params}}}})
}

test_success_compose_environment if {
	services := [_service("vision", {
		"image": _image("registry.local/vision:1.2"),
		"environment": [_env("NVIDIA_VISIBLE_DEVICES", "all"), _env("NVIDIA_DRIVER_CAPABILITIES", null)],
	})]

	rule.deny == set() with input as _input(services, {})
}

test_success_env_inherited_from_earlier_stage if {
	stages := [
		_stage(0, "base", false, "python:3.12", -1, ["NVIDIA_VISIBLE_DEVICES"]),
		_stage(1, "app", true, "", 0, ["NVIDIA_DRIVER_CAPABILITIES"]),
	]
	services := [_service("vision", {"build": _build("vision/Dockerfile", "")})]

	rule.deny == set() with input as _input(services, _dockerfile(stages))
}

test_success_cuda_base_image if {
	stages := [
		_stage(0, "builder", false, "nvcr.io/nvidia/cuda", -1, []),
		_stage(1, "", true, "", 0, []),
	]
	services := [
		_service("vision", {"build": _build("vision/Dockerfile", "")}),
		_service("asr", {"image": _image("docker.io/nvidia/cuda:12.1.0-runtime-ubuntu22.04")}),
	]

	rule.deny == set() with input as _input(services, _dockerfile(stages))
}

test_success_no_gpu_or_unknown_dockerfile if {
	services := [
		_service("web", {"image": _image("nginx:1.27"), "gpu": {"reserved": false, "location": _loc("compose.yaml", 9, 11)}}),
		_service("api", {"image": _image("registry.local/api:1.0"), "gpu": null}),
		_service("remote", {"build": {"context": "https://github.com/acme/vision.git", "dockerfile": "Dockerfile", "remote": true}}),
	]

	rule.deny == set() with input as _input(services, {})
}
