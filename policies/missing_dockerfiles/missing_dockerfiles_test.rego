package berth.rules.missing_dockerfiles_test

import data.berth.rules.missing_dockerfiles as rule

_loc(line, column) := {"file": "compose.yaml", "line": line, "column": column}

_input(services) := {"projects": [{"name": "core", "host": "core", "services": services}]}

_service(name, line, fields) := object.union({"name": name, "location": _loc(line, 3)}, fields)

_image(value, line) := {"image": {"value": value, "location": _loc(line, 12)}}

_build(dockerfile, exists, line, fields) := {"build": object.union(
	{
		"context": "services/app",
		"dockerfile": dockerfile,
		"dockerfile_exists": exists,
		"inline": false,
		"remote": false,
		"location": _loc(line, 5),
	},
	fields,
)}

_finding(service, message, location) := {"rule": "C-3", "msg": message, "location": location, "service": service}

_pull_message(service, image) := sprintf(
	"Service %q pulls image %s instead of building from a Dockerfile in this repository. Add a Dockerfile for it and a build: section that points at it.",
	[service, image],
)

_missing_message(service, dockerfile) := sprintf(
	"Service %q builds from Dockerfile %s, which does not exist. Add the Dockerfile, or fix build.context and build.dockerfile so that they point at it.",
	[service, dockerfile],
)

test_fail_listed_service_pulls_image if {
	services := [_service("ServiceRegistry", 2, _image("consul:1.15", 3))]

	rule.deny == {_finding("ServiceRegistry", _pull_message("ServiceRegistry", "consul:1.15"), _loc(3, 12))} with input as _input(services)
}

test_fail_listed_name_with_other_separators if {
	services := [_service("system-digital-twin", 2, _image("registry.local/sdt:4", 3))]

	rule.deny == {_finding(
		"system-digital-twin",
		_pull_message("system-digital-twin", "registry.local/sdt:4"),
		_loc(3, 12),
	)} with input as _input(services)
}

test_fail_listed_service_without_image_or_build if {
	services := [_service("tiered_responder", 2, {})]

	rule.deny == {_finding(
		"tiered_responder",
		`Service "tiered_responder" has neither a build: section nor an image. Add a Dockerfile for it and a build: section that points at it.`,
		_loc(2, 3),
	)} with input as _input(services)
}

test_fail_listed_service_dockerfile_missing if {
	services := [_service("ServiceRegistry", 2, _build("services/registry/Dockerfile", false, 3, {}))]

	rule.deny == {_finding(
		"ServiceRegistry",
		_missing_message("ServiceRegistry", "services/registry/Dockerfile"),
		_loc(3, 5),
	)} with input as _input(services)
}

test_fail_listed_service_inline_dockerfile if {
	services := [_service("TieredResponder", 2, _build("", false, 3, {"inline": true}))]

	rule.deny == {_finding(
		"TieredResponder",
		`Service "TieredResponder" builds from dockerfile_inline. Move the instructions into a Dockerfile in the repository, so that it is reviewed and checked like the other Dockerfiles, and point build.dockerfile at it.`,
		_loc(3, 5),
	)} with input as _input(services)
}

test_fail_other_service_dockerfile_missing if {
	services := [
		_service("web", 2, _build("services/web/Dockerfile.prod", false, 3, {})),
		_service("worker", 6, _build("services/worker/Dockerfile", true, 7, {})),
	]

	rule.deny == {_finding("web", _missing_message("web", "services/web/Dockerfile.prod"), _loc(3, 5))} with input as _input(services)
}

test_fail_custom_services_list if {
	services := [
		_service("ServiceRegistry", 2, _image("consul:1.15", 3)),
		_service("auth-gateway", 5, _image("registry.local/auth:2", 6)),
	]
	params := {"services": ["AuthGateway"]}

	rule.deny == {_finding("auth-gateway", _pull_message("auth-gateway", "registry.local/auth:2"), _loc(6, 12))} with input as object.union(
		_input(services),
		{"backlog": {"items": {"C-3": {"params": params}}}},
	)
}

test_success_listed_services_build if {
	services := [
		_service("ServiceRegistry", 2, _build("services/registry/Dockerfile", true, 3, {})),
		_service("SystemDigitalTwin", 6, object.union(
			_build("services/sdt/Dockerfile", true, 7, {}),
			_image("registry.local/sdt:4", 10),
		)),
		_service("TieredResponder", 12, _build("", false, 13, {"remote": true, "context": "https://github.com/acme/responder.git"})),
	]

	rule.deny == set() with input as _input(services)
}

test_success_unlisted_pull_inline_remote if {
	services := [
		_service("redis", 2, _image("redis:7", 3)),
		_service("docs", 5, _build("", false, 6, {"inline": true})),
		_service("tools", 9, _build("", false, 10, {"remote": true, "context": "git@github.com:acme/tools.git"})),
	]

	rule.deny == set() with input as _input(services)
}

test_success_no_projects if {
	rule.deny == set() with input as {"projects": []}
}

# A build or image key written as null is no section, so the first service
# has neither and the second only pulls its image.
test_fail_null_build_and_image if {
	nulls := {"profiles": null, "labels": null, "environment": null, "healthcheck": null, "gpu": null, "user": null, "restart": null}
	services := [
		_service("ServiceRegistry", 2, object.union(nulls, {"build": null, "image": null})),
		_service("SystemDigitalTwin", 5, object.union(_image("registry.local/twin:1.4", 6), {"build": null})),
		_service("web", 8, {"build": null}),
	]
	doc := object.union(_input(services), {"backlog": {"items": {"C-3": {"params": null}}}})

	rule.deny == {
		_finding(
			"ServiceRegistry",
			`Service "ServiceRegistry" has neither a build: section nor an image. Add a Dockerfile for it and a build: section that points at it.`,
			_loc(2, 3),
		),
		_finding("SystemDigitalTwin", _pull_message("SystemDigitalTwin", "registry.local/twin:1.4"), _loc(6, 12)),
	} with input as doc
}
