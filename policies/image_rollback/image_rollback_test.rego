package berth.rules.image_rollback_test

import data.berth.rules.image_rollback as rule

_loc(line, column) := {"file": "compose.yaml", "line": line, "column": column}

_input(services) := {"projects": [{"name": "app", "host": "app", "services": services}]}

_build := {"context": "api", "dockerfile": "api/Dockerfile", "location": _loc(4, 5)}

# An image written without interpolation.
_image(value, line) := {"value": value, "raw": value, "location": _loc(line, 12)}

_interpolated(value, raw, variables, line) := {"value": value, "raw": raw, "variables": variables, "location": _loc(line, 12)}

_service(name, fields) := object.union({"name": name, "location": _loc(2, 3)}, fields)

_finding(service, message, line) := {"rule": "C-16", "msg": message, "location": _loc(line, 12), "service": service}

_rollback_message(service, written, suggestion) := sprintf(
	"Service %q builds and pushes image %s with a tag that FORCE_IMAGE_TAG cannot override. Write the image as %s, so that setting FORCE_IMAGE_TAG redeploys an earlier build without editing the Compose file.",
	[service, written, suggestion],
)

_unpinned_message(service, reference, problem, name) := sprintf(
	"Service %q runs image %s, which %s, so every pull can bring a different build and no earlier version can be named for a rollback. Use a version tag or a digest, such as %s:1.2.3.",
	[service, reference, problem, name],
)

test_fail_built_image_with_fixed_tag if {
	services := [_service("api", {"build": _build, "image": _image("registry.local/api:1.4.2", 3)})]

	rule.deny == {_finding(
		"api",
		_rollback_message("api", "registry.local/api:1.4.2", "registry.local/api:${FORCE_IMAGE_TAG:-1.4.2}"),
		3,
	)} with input as _input(services)
}

test_fail_built_image_with_other_variable if {
	services := [_service("api", {"build": _build, "image": _interpolated(
		"registry.local:5000/api:latest",
		"registry.local:5000/api:${API_TAG:-latest}",
		["API_TAG"],
		3,
	)})]

	rule.deny == {_finding(
		"api",
		_rollback_message("api", "registry.local:5000/api:${API_TAG:-latest}", "registry.local:5000/api:${FORCE_IMAGE_TAG:-1.2.3}"),
		3,
	)} with input as _input(services)
}

test_fail_variable_outside_tag if {
	services := [_service("api", {"build": _build, "image": _interpolated(
		"registry.local/v2/api:1.0",
		"registry.local/${FORCE_IMAGE_TAG}/api:1.0",
		["FORCE_IMAGE_TAG"],
		3,
	)})]

	rule.deny == {_finding(
		"api",
		_rollback_message("api", "registry.local/${FORCE_IMAGE_TAG}/api:1.0", "registry.local/v2/api:${FORCE_IMAGE_TAG:-1.0}"),
		3,
	)} with input as _input(services)
}

test_fail_untagged_and_latest_images if {
	services := [
		_service("web", {"image": _image("nginx", 3)}),
		_service("cache", {"image": _image("redis:latest", 6)}),
		_service("proxy", {"image": _image("registry.local:5000/proxy", 9)}),
	]

	rule.deny == {
		_finding("web", _unpinned_message("web", "nginx", "has no tag and so means latest", "nginx"), 3),
		_finding("cache", _unpinned_message("cache", "redis:latest", "uses the latest tag", "redis"), 6),
		_finding("proxy", _unpinned_message("proxy", "registry.local:5000/proxy", "has no tag and so means latest", "registry.local:5000/proxy"), 9),
	} with input as _input(services)
}

test_fail_rollback_variable_defaults_to_latest if {
	services := [_service("api", {"build": _build, "image": _interpolated(
		"registry.local/api:latest",
		"registry.local/api:${FORCE_IMAGE_TAG:-latest}",
		["FORCE_IMAGE_TAG"],
		3,
	)})]

	rule.deny == {_finding(
		"api",
		_unpinned_message("api", "registry.local/api:latest", "uses the latest tag", "registry.local/api"),
		3,
	)} with input as _input(services)
}

test_fail_custom_variable if {
	services := [_service("api", {"build": _build, "image": _interpolated(
		"registry.local/api:1.4.2",
		"registry.local/api:${FORCE_IMAGE_TAG:-1.4.2}",
		["FORCE_IMAGE_TAG"],
		3,
	)})]
	params := {"variable": "ROLLBACK_TAG"}

	rule.deny == {_finding(
		"api",
		"Service \"api\" builds and pushes image registry.local/api:${FORCE_IMAGE_TAG:-1.4.2} with a tag that ROLLBACK_TAG cannot override. Write the image as registry.local/api:${ROLLBACK_TAG:-1.4.2}, so that setting ROLLBACK_TAG redeploys an earlier build without editing the Compose file.",
		3,
	)} with input as object.union(_input(services), {"backlog": {"items": {"C-16": {"params": params}}}})
}

test_success_rollback_variable_forms if {
	services := [
		_service("api", {"build": _build, "image": _interpolated(
			"registry.local/api:1.4.2",
			"registry.local/api:${FORCE_IMAGE_TAG:-1.4.2}",
			["FORCE_IMAGE_TAG"],
			3,
		)}),
		_service("worker", {"build": _build, "image": _interpolated(
			"registry.local/worker:2.0-cuda",
			"${REGISTRY}/worker:$FORCE_IMAGE_TAG-cuda",
			["REGISTRY", "FORCE_IMAGE_TAG"],
			6,
		)}),
		_service("audio", {"build": _build, "image": _interpolated(
			"registry.local/audio:0.9",
			"registry.local/audio:${FORCE_IMAGE_TAG-0.9}",
			["FORCE_IMAGE_TAG"],
			9,
		)}),
	]

	rule.deny == set() with input as _input(services)
}

test_success_pinned_images_and_build_only if {
	services := [
		_service("web", {"image": _image("nginx:1.27", 3)}),
		_service("db", {"image": _image("postgres@sha256:0123abcd", 6)}),
		_service("cache", {"image": _image("redis:latest@sha256:4567cdef", 9)}),
		_service("job", {"build": _build}),
		_service("unset", {"image": _interpolated("registry.local/app:", "registry.local/app:${APP_TAG}", ["APP_TAG"], 12)}),
	]

	rule.deny == set() with input as _input(services)
}

test_success_exempt_services if {
	services := [
		_service("Dev_Shell", {"build": _build, "image": _image("dev-shell", 3)}),
		_service("web", {"image": _image("nginx", 6)}),
	]
	params := {"exempt_services": ["dev-shell", "web"]}

	rule.deny == set() with input as object.union(_input(services), {"backlog": {"items": {"C-16": {"params": params}}}})
}
