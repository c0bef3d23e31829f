package berth.rules.decommissioned_services_test

import data.berth.rules.decommissioned_services as rule

_loc(line, column) := {"file": "compose.yaml", "line": line, "column": column}

_input(services) := {"projects": [{"name": "ops", "host": "ops", "services": services}]}

_with_params(services, params) := object.union(
	_input(services),
	{"backlog": {"items": {"C-2": {"params": params}}}},
)

_service(name, line, fields) := object.union({"name": name, "location": _loc(line, 3)}, fields)

_link(service, line) := {"service": service, "known": true, "location": _loc(line, 9)}

_finding(service, message, location) := {"rule": "C-2", "msg": message, "location": location, "service": service}

_defined_message(service) := sprintf(
	"Service %q is decommissioned but still defined in project \"ops\". Remove it and move its clients to \"UnifiedObservabilityCenter\".",
	[service],
)

test_fail_decommissioned_service_defined if {
	services := [
		_service("ObservabilityDashboardAPI", 2, {"image": {"value": "registry.local/oda:3", "location": _loc(3, 12)}}),
		_service("UnifiedObservabilityCenter", 5, {}),
	]

	rule.deny == {_finding(
		"ObservabilityDashboardAPI",
		_defined_message("ObservabilityDashboardAPI"),
		_loc(2, 3),
	)} with input as _input(services)
}

test_fail_name_with_other_separators if {
	services := [_service("observability-dashboard-api", 2, {})]

	rule.deny == {_finding(
		"observability-dashboard-api",
		_defined_message("observability-dashboard-api"),
		_loc(2, 3),
	)} with input as _input(services)
}

test_fail_depends_on_and_links_entries if {
	services := [
		_service("observability_dashboard_api", 2, {}),
		_service("grafana", 4, {
			"depends_on": [_link("prometheus", 6), _link("observability_dashboard_api", 7)],
			"links": [_link("observability_dashboard_api", 9)],
		}),
	]

	rule.deny == {
		_finding("observability_dashboard_api", _defined_message("observability_dashboard_api"), _loc(2, 3)),
		_finding(
			"grafana",
			`Service "grafana" lists decommissioned service "observability_dashboard_api" under depends_on. Remove the entry and point the service at "UnifiedObservabilityCenter" instead.`,
			_loc(7, 9),
		),
		_finding(
			"grafana",
			`Service "grafana" lists decommissioned service "observability_dashboard_api" under links. Remove the entry and point the service at "UnifiedObservabilityCenter" instead.`,
			_loc(9, 9),
		),
	} with input as _input(services)
}

test_fail_link_to_service_defined_elsewhere if {
	services := [_service("alerting", 2, {"depends_on": [{
		"service": "ObservabilityDashboardAPI",
		"known": false,
		"location": _loc(4, 9),
	}]})]

	rule.deny == {_finding(
		"alerting",
		`Service "alerting" lists decommissioned service "ObservabilityDashboardAPI" under depends_on. Remove the entry and point the service at "UnifiedObservabilityCenter" instead.`,
		_loc(4, 9),
	)} with input as _input(services)
}

test_fail_link_between_decommissioned_once if {
	services := [
		_service("ObservabilityDashboardAPI", 2, {"depends_on": [_link("legacy-metrics", 4)]}),
		_service("legacy-metrics", 6, {}),
	]
	params := {"services": ["ObservabilityDashboardAPI", "LegacyMetrics"]}

	rule.deny == {
		_finding("ObservabilityDashboardAPI", _defined_message("ObservabilityDashboardAPI"), _loc(2, 3)),
		_finding(
			"legacy-metrics",
			`Service "legacy-metrics" is decommissioned but still defined in project "ops". Remove it and move its clients to the service that took over its work.`,
			_loc(6, 3),
		),
	} with input as _with_params(services, params)
}

test_fail_custom_services_and_replacements if {
	services := [
		_service("LegacyGateway", 2, {}),
		_service("web", 4, {"depends_on": [_link("LegacyGateway", 6)]}),
	]
	params := {"services": ["legacy-gateway"], "replacements": {"legacy_gateway": "edge-gateway"}}

	rule.deny == {
		_finding(
			"LegacyGateway",
			`Service "LegacyGateway" is decommissioned but still defined in project "ops". Remove it and move its clients to "edge-gateway".`,
			_loc(2, 3),
		),
		_finding(
			"web",
			`Service "web" lists decommissioned service "LegacyGateway" under depends_on. Remove the entry and point the service at "edge-gateway" instead.`,
			_loc(6, 9),
		),
	} with input as _with_params(services, params)
}

test_fail_empty_replacement if {
	services := [
		_service("ObservabilityDashboardAPI", 2, {}),
		_service("web", 4, {"links": [_link("ObservabilityDashboardAPI", 6)]}),
	]
	params := {"replacements": {"ObservabilityDashboardAPI": ""}}

	rule.deny == {
		_finding(
			"ObservabilityDashboardAPI",
			`Service "ObservabilityDashboardAPI" is decommissioned but still defined in project "ops". Remove it and move its clients to the service that took over its work.`,
			_loc(2, 3),
		),
		_finding(
			"web",
			`Service "web" lists decommissioned service "ObservabilityDashboardAPI" under links. Remove the entry and point the service at the service that took over its work.`,
			_loc(6, 9),
		),
	} with input as _with_params(services, params)
}

test_success_replacement_only if {
	services := [
		_service("UnifiedObservabilityCenter", 2, {}),
		_service("grafana", 4, {"depends_on": [_link("UnifiedObservabilityCenter", 6)]}),
		_service("observability-dashboard", 8, {}),
	]

	rule.deny == set() with input as _input(services)
}

test_success_empty_services_param if {
	services := [_service("ObservabilityDashboardAPI", 2, {})]

	rule.deny == set() with input as _with_params(services, {"services": []})
}

test_success_no_projects if {
	rule.deny == set() with input as {"projects": []}
}

test_fail_null_service_fields if {
	nulls := {
		"profiles": null,
		"labels": null,
		"environment": null,
		"build": null,
		"healthcheck": null,
		"gpu": null,
		"image": null,
		"user": null,
		"restart": null,
		"depends_on": null,
		"links": null,
	}
	services := [
		_service("ObservabilityDashboardAPI", 2, nulls),
		_service("grafana", 4, object.union(nulls, {"depends_on": [_link(null, 6), _link("ObservabilityDashboardAPI", 7)]})),
	]
	doc := object.union(_input(services), {"backlog": {"items": {"C-2": {"params": null}}}})

	rule.deny == {
		_finding("ObservabilityDashboardAPI", _defined_message("ObservabilityDashboardAPI"), _loc(2, 3)),
		_finding(
			"grafana",
			`Service "grafana" lists decommissioned service "ObservabilityDashboardAPI" under depends_on. Remove the entry and point the service at "UnifiedObservabilityCenter" instead.`,
			_loc(7, 9),
		),
	} with input as doc
}
