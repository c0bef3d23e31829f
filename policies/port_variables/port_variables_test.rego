package berth.rules.port_variables_test

import data.berth.rules.port_variables as rule

_loc(line, column) := {"file": "compose.yaml", "line": line, "column": column}

_input(variables) := {"projects": [{"name": "app", "host": "app", "services": [], "variables": variables}]}

_use(name, path, line, flags) := object.union(
	{
		"name": name,
		"defined": false,
		"has_default": false,
		"required": false,
		"path": path,
		"location": _loc(line, 10),
	},
	flags,
)

_port_message(service, name, example) := sprintf(
	"Port mapping of service %q uses variable %s, which is unset and has no default, so the host port cannot be known. Give it a default such as ${%s:-%s}, or set it in the project's .env file.",
	[service, name, name, example],
)

_listed_message(name, path) := sprintf(
	"Variable %s is used at %s but is unset and has no default. Set it in the project's .env file or the deployment environment, or give it a default such as ${%s:-<value>}.",
	[name, path, name],
)

# web's ${WEB_PORT:-8080} has a default, admin's ${ADMIN_PORT} has none.
test_fail_port_variable_without_default if {
	variables := [
		_use("WEB_PORT", "services.web.ports.0", 5, {"has_default": true}),
		_use("ADMIN_PORT", "services.admin.ports.0", 9, {}),
	]

	rule.deny == {{
		"rule": "C-1",
		"msg": _port_message("admin", "ADMIN_PORT", "<host port>"),
		"location": _loc(9, 10),
		"service": "admin",
	}} with input as _input(variables)
}

test_fail_listed_variable_outside_ports if {
	variables := [_use("PORT_OFFSET", "services.web.environment.PORT_OFFSET", 7, {})]

	rule.deny == {{
		"rule": "C-1",
		"msg": _listed_message("PORT_OFFSET", "services.web.environment.PORT_OFFSET"),
		"location": _loc(7, 10),
		"service": "web",
	}} with input as _input(variables)
}

test_fail_listed_variable_outside_services if {
	variables := [_use("PORT_OFFSET", "networks.backend.name", 20, {})]

	rule.deny == {{
		"rule": "C-1",
		"msg": _listed_message("PORT_OFFSET", "networks.backend.name"),
		"location": _loc(20, 10),
	}} with input as _input(variables)
}

test_fail_listed_variable_in_port_reported_once if {
	variables := [_use("PORT_OFFSET", "services.api.ports.1.published", 12, {})]

	rule.deny == {{
		"rule": "C-1",
		"msg": _port_message("api", "PORT_OFFSET", "<value>"),
		"location": _loc(12, 10),
		"service": "api",
	}} with input as _input(variables)
}

test_fail_required_listed_variable_in_port if {
	variables := [_use("PORT_OFFSET", "services.api.ports.0", 12, {"required": true})]

	rule.deny == {{
		"rule": "C-1",
		"msg": _listed_message("PORT_OFFSET", "services.api.ports.0"),
		"location": _loc(12, 10),
		"service": "api",
	}} with input as _input(variables)
}

test_fail_every_use_reported if {
	variables := [
		_use("PORT_OFFSET", "services.web.environment.OFFSET", 6, {}),
		_use("PORT_OFFSET", "services.worker.environment.OFFSET", 16, {}),
	]

	rule.deny == {
		{
			"rule": "C-1",
			"msg": _listed_message("PORT_OFFSET", "services.web.environment.OFFSET"),
			"location": _loc(6, 10),
			"service": "web",
		},
		{
			"rule": "C-1",
			"msg": _listed_message("PORT_OFFSET", "services.worker.environment.OFFSET"),
			"location": _loc(16, 10),
			"service": "worker",
		},
	} with input as _input(variables)
}

test_fail_custom_variables if {
	variables := [
		_use("PORT_OFFSET", "services.web.environment.OFFSET", 6, {}),
		_use("REGISTRY", "services.web.image", 3, {}),
	]
	doc := object.union(_input(variables), {"backlog": {"items": {"C-1": {"params": {"variables": ["REGISTRY"]}}}}})

	rule.deny == {{
		"rule": "C-1",
		"msg": _listed_message("REGISTRY", "services.web.image"),
		"location": _loc(3, 10),
		"service": "web",
	}} with input as doc
}

test_success_defined_or_defaulted if {
	variables := [
		_use("PORT_OFFSET", "services.web.environment.OFFSET", 6, {"defined": true}),
		_use("PORT_OFFSET", "services.web.ports.0", 8, {"has_default": true}),
		_use("API_PORT", "services.api.ports.0", 12, {"defined": true}),
	]

	rule.deny == set() with input as _input(variables)
}

test_success_required_port_variable_not_listed if {
	variables := [_use("API_PORT", "services.api.ports.0", 12, {"required": true})]

	rule.deny == set() with input as _input(variables)
}

test_success_unlisted_variable_outside_ports if {
	variables := [_use("LOG_LEVEL", "services.api.environment.LOG_LEVEL", 9, {})]

	rule.deny == set() with input as _input(variables)
}

test_success_project_without_variables if {
	rule.deny == set() with input as {"projects": [{"name": "app", "services": []}]}
}

test_success_null_variables if {
	rule.deny == set() with input as _input(null)
}

# A use without a path names no service, so only a listed variable could be
# reported for it, and API_PORT is not listed.
test_fail_null_path_and_params if {
	variables := [
		_use("API_PORT", null, 4, {}),
		_use("PORT_OFFSET", "services.web.environment.OFFSET", 7, {}),
	]
	doc := object.union(_input(variables), {"backlog": {"items": {"C-1": {"params": null}}}})

	rule.deny == {{
		"rule": "C-1",
		"msg": _listed_message("PORT_OFFSET", "services.web.environment.OFFSET"),
		"location": _loc(7, 10),
		"service": "web",
	}} with input as doc
}
