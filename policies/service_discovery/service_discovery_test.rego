package berth.rules.service_discovery_test

import data.berth.rules.service_discovery as rule

_loc(file, line, column) := {"file": file, "line": line, "column": column}

_project(name, host, services) := {"name": name, "host": host, "services": services}

_service(file, name, line, fields) := object.union(
	{"name": name, "location": _loc(file, line, 3), "environment": [], "depends_on": []},
	fields,
)

_env(file, name, value, line) := {"name": name, "value": value, "source": "environment", "location": _loc(file, line, 9)}

_depends_on(file, service, line) := {"service": service, "condition": "service_started", "known": true, "location": _loc(file, line, 9)}

_with_params(projects, params) := {"projects": projects, "backlog": {"items": {"C-8": {"params": params}}}}

_finding(service, message, location) := {"rule": "C-8", "msg": message, "location": location, "service": service}

_message(service) := sprintf(
	"Service %q cannot find the service registry \"ServiceRegistry\". Set SERVICE_REGISTRY_URL to the registry's URL in its environment, or add \"ServiceRegistry\" to its depends_on.",
	[service],
)

test_fail_service_without_registry_link if {
	f := "core/compose.yaml"
	projects := [_project("core", "core", [
		_service(f, "service-registry", 2, {}),
		_service(f, "planner", 5, {"environment": [_env(f, "LOG_LEVEL", "info", 7)]}),
		_service(f, "router", 9, {"environment": [_env(f, "SERVICE_REGISTRY_URL", "http://service-registry:8500", 11)]}),
		_service(f, "tagger", 13, {"depends_on": [_depends_on(f, "ServiceRegistry", 15)]}),
	])]

	rule.deny == {_finding("planner", _message("planner"), _loc(f, 5, 3))} with input as {"projects": projects}
}

test_fail_empty_or_unset_variable if {
	f := "core/compose.yaml"
	projects := [_project("core", "core", [
		_service(f, "ServiceRegistry", 2, {}),
		_service(f, "planner", 5, {"environment": [_env(f, "SERVICE_REGISTRY_URL", " ", 7)]}),
		_service(f, "router", 9, {"environment": [_env(f, "SERVICE_REGISTRY_URL", null, 11)]}),
		_service(f, "tagger", 13, {"environment": [_env(f, "service_registry_url", "http://registry:8500", 15)]}),
	])]

	rule.deny == {
		_finding("planner", _message("planner"), _loc(f, 5, 3)),
		_finding("router", _message("router"), _loc(f, 9, 3)),
		_finding("tagger", _message("tagger"), _loc(f, 13, 3)),
	} with input as {"projects": projects}
}

test_fail_other_projects_and_hosts if {
	core := "core/compose.yaml"
	agents := "agents/compose.yaml"
	projects := [
		_project("core", "main-pc", [_service(core, "ServiceRegistry", 2, {})]),
		_project("agents", "main-pc", [_service(agents, "summarizer", 2, {})]),
		_project("edge", "edge-pc", [_service("edge/compose.yaml", "camera", 2, {})]),
	]

	rule.deny == {
		_finding("summarizer", _message("summarizer"), _loc(agents, 2, 3)),
		_finding("camera", _message("camera"), _loc("edge/compose.yaml", 2, 3)),
	} with input as {"projects": projects}
}

test_fail_custom_registry_and_variable if {
	f := "compose.yaml"
	projects := [_project("app", "app", [
		_service(f, "consul", 2, {}),
		_service(f, "api", 5, {"environment": [_env(f, "SERVICE_REGISTRY_URL", "http://consul:8500", 7)]}),
		_service(f, "web", 9, {"environment": [_env(f, "CONSUL_HTTP_ADDR", "consul:8500", 11)]}),
	])]
	params := {"registry": "consul", "variable": "CONSUL_HTTP_ADDR"}

	rule.deny == {_finding(
		"api",
		`Service "api" cannot find the service registry "consul". Set CONSUL_HTTP_ADDR to the registry's URL in its environment, or add "consul" to its depends_on.`,
		_loc(f, 5, 3),
	)} with input as _with_params(projects, params)
}

test_fail_required_registry_missing if {
	projects := [
		_project("core", "core", [
			_service("core/compose.yaml", "planner", 2, {}),
			_service("core/compose.yaml", "router", 5, {}),
		]),
		_project("empty", "empty", []),
	]

	rule.deny == {{
		"rule": "C-8",
		"msg": `Project "core" has no service registry "ServiceRegistry", so its services cannot discover each other. Add the registry service to the stack.`,
		"location": _loc("core/compose.yaml", 2, 3),
	}} with input as _with_params(projects, {"require_registry": true})
}

test_success_exempt_services if {
	f := "compose.yaml"
	projects := [_project("app", "app", [
		_service(f, "ServiceRegistry", 2, {}),
		_service(f, "db-migrate", 5, {}),
		_service(f, "Redis", 8, {}),
	])]

	rule.deny == set() with input as _with_params(projects, {"exempt_services": ["db_migrate", "redis"]})
}

test_fail_registry_on_other_host if {
	projects := [
		_project("core", "main-pc", [_service("core/compose.yaml", "ServiceRegistry", 2, {})]),
		_project("edge", "edge-pc", [_service("edge/compose.yaml", "camera", 2, {})]),
	]

	rule.deny == {_finding("camera", _message("camera"), _loc("edge/compose.yaml", 2, 3))} with input as {"projects": projects}
}

test_success_no_registry_anywhere if {
	projects := [_project("app", "app", [_service("compose.yaml", "web", 2, {})])]

	rule.deny == set() with input as {"projects": projects}
}

test_success_no_projects if {
	rule.deny == set() with input as _with_params([], {"require_registry": true})
}

# Null fields count as empty, whatever host a project runs on.
test_fail_null_fields if {
	core := "core/compose.yaml"
	agents := "agents/compose.yaml"
	projects := [
		_project("core", "main-pc", [_service(core, "ServiceRegistry", 2, {"environment": null, "depends_on": null})]),
		_project("agents", "main-pc", [
			_service(agents, "summarizer", 2, {"environment": null, "depends_on": null, "profiles": null, "labels": null}),
			_service(agents, "planner", 5, {"environment": [_env(agents, "SERVICE_REGISTRY_URL", null, 7)], "depends_on": [_depends_on(agents, null, 8)]}),
		]),
		_project("tools", null, [_service("tools/compose.yaml", "linter", 2, {"environment": null})]),
	]

	rule.deny == {
		_finding("summarizer", _message("summarizer"), _loc(agents, 2, 3)),
		_finding("planner", _message("planner"), _loc(agents, 5, 3)),
		_finding("linter", _message("linter"), _loc("tools/compose.yaml", 2, 3)),
	} with input as _with_params(projects, null)
}
