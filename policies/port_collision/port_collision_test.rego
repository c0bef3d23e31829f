package berth.rules.port_collision_test

import data.berth.rules.port_collision as rule

_loc(file, line) := {"file": file, "line": line, "column": 9}

_project(name, host, services) := {"name": name, "host": host, "services": services}

_service(name, ports) := {"name": name, "location": {"file": "compose.yaml", "line": 1, "column": 3}, "ports": ports}

_port(file, line, host_ip, start, end, protocol) := {
	"host_ip": host_ip,
	"published": sprintf("%d", [start]),
	"published_start": start,
	"published_end": end,
	"target": 80,
	"protocol": protocol,
	"location": _loc(file, line),
}

_tcp(line, host_ip, port) := _port("compose.yaml", line, host_ip, port, port, "tcp")

_single_project(services) := {"projects": [_project("app", "app", services)]}

_finding(service, message, location) := {"rule": "C-10", "msg": message, "location": location, "service": service}

_message(service, endpoint, owner_endpoint, owner, owner_position) := sprintf(
	"Service %q publishes host port %s, which collides with %s published by %s at %s. Move one of them to another host port or bind them to different host addresses.",
	[service, endpoint, owner_endpoint, owner, owner_position],
)

# web's port comes from the default of ${WEB_PORT:-8080}, and admin's from
# an unset variable without a default, which this rule leaves alone.
test_fail_default_port_collides_with_literal_port if {
	services := [
		_service("web", [object.union(_tcp(5, "", 8080), {"raw": "${WEB_PORT:-8080}:80", "variables": ["WEB_PORT"]})]),
		_service("admin", [{
			"host_ip": "",
			"published": "",
			"published_start": 0,
			"published_end": 0,
			"target": 80,
			"protocol": "tcp",
			"raw": "${ADMIN_PORT}:80",
			"variables": ["ADMIN_PORT"],
			"unresolved": ["ADMIN_PORT"],
			"location": _loc("compose.yaml", 9),
		}]),
		_service("api", [_tcp(13, "", 8080)]),
	]

	rule.deny == {_finding(
		"api",
		_message("api", "8080/tcp", "8080/tcp", `service "web"`, "compose.yaml:5"),
		_loc("compose.yaml", 13),
	)} with input as _single_project(services)
}

test_fail_projects_on_same_host if {
	doc := {"projects": [
		_project("monitoring", "gpu-1", [_service("grafana", [_port("b/compose.yaml", 4, "", 3000, 3000, "tcp")])]),
		_project("frontend", "gpu-1", [_service("ui", [_port("a/compose.yaml", 7, "", 3000, 3000, "tcp")])]),
		_project("other", "cpu-1", [_service("ui", [_port("c/compose.yaml", 2, "", 3000, 3000, "tcp")])]),
	]}

	rule.deny == {_finding(
		"grafana",
		_message("grafana", "3000/tcp", "3000/tcp", `service "ui" of project "frontend"`, "a/compose.yaml:7"),
		_loc("b/compose.yaml", 4),
	)} with input as doc
}

test_fail_every_later_port_names_first_owner if {
	services := [
		_service("a", [_tcp(3, "", 9000)]),
		_service("b", [_tcp(6, "", 9000)]),
		_service("c", [_tcp(9, "", 9000)]),
	]

	rule.deny == {
		_finding("b", _message("b", "9000/tcp", "9000/tcp", `service "a"`, "compose.yaml:3"), _loc("compose.yaml", 6)),
		_finding("c", _message("c", "9000/tcp", "9000/tcp", `service "a"`, "compose.yaml:3"), _loc("compose.yaml", 9)),
	} with input as _single_project(services)
}

test_fail_port_inside_range if {
	services := [
		_service("rtp", [_port("compose.yaml", 3, "", 10000, 10100, "udp")]),
		_service("turn", [_port("compose.yaml", 6, "", 10050, 10050, "udp")]),
	]

	rule.deny == {_finding(
		"turn",
		_message("turn", "10050/udp", "10050/udp", `service "rtp"`, "compose.yaml:3"),
		_loc("compose.yaml", 6),
	)} with input as _single_project(services)
}

test_fail_overlapping_ranges_name_overlap if {
	services := [
		_service("rtp", [_port("compose.yaml", 3, "", 10000, 10100, "udp")]),
		_service("media", [_port("compose.yaml", 6, "", 10090, 10200, "udp")]),
	]

	rule.deny == {_finding(
		"media",
		_message("media", "10090-10100/udp", "10090-10100/udp", `service "rtp"`, "compose.yaml:3"),
		_loc("compose.yaml", 6),
	)} with input as _single_project(services)
}

test_fail_all_interfaces_and_loopback if {
	services := [
		_service("web", [_tcp(3, "127.0.0.1", 8080)]),
		_service("api", [_tcp(6, "", 8080)]),
	]

	rule.deny == {_finding(
		"api",
		_message("api", "8080/tcp", "127.0.0.1:8080/tcp", `service "web"`, "compose.yaml:3"),
		_loc("compose.yaml", 6),
	)} with input as _single_project(services)
}

test_fail_ipv4_wildcard_and_ipv4_address if {
	services := [
		_service("web", [_tcp(3, "0.0.0.0", 8080)]),
		_service("api", [_tcp(6, "10.0.0.5", 8080)]),
	]

	rule.deny == {_finding(
		"api",
		_message("api", "10.0.0.5:8080/tcp", "0.0.0.0:8080/tcp", `service "web"`, "compose.yaml:3"),
		_loc("compose.yaml", 6),
	)} with input as _single_project(services)
}

test_fail_ipv6_wildcard_and_ipv6_address if {
	services := [
		_service("web", [_tcp(3, "[::]", 8080)]),
		_service("api", [_tcp(6, "::1", 8080)]),
	]

	rule.deny == {_finding(
		"api",
		_message("api", "[::1]:8080/tcp", "[::]:8080/tcp", `service "web"`, "compose.yaml:3"),
		_loc("compose.yaml", 6),
	)} with input as _single_project(services)
}

test_fail_same_address_twice if {
	services := [_service("web", [_tcp(3, "127.0.0.1", 8080), _tcp(4, "127.0.0.1", 8080)])]

	rule.deny == {_finding(
		"web",
		_message("web", "127.0.0.1:8080/tcp", "127.0.0.1:8080/tcp", `service "web"`, "compose.yaml:3"),
		_loc("compose.yaml", 4),
	)} with input as _single_project(services)
}

# base is extended by worker, so both services carry the port written once
# in the file, at the same location.
test_fail_ports_at_same_location if {
	services := [
		_service("base", [_tcp(3, "", 7000)]),
		_service("worker", [_tcp(3, "", 7000)]),
	]

	rule.deny == {_finding(
		"worker",
		_message("worker", "7000/tcp", "7000/tcp", `service "base"`, "compose.yaml:3"),
		_loc("compose.yaml", 3),
	)} with input as _single_project(services)
}

# The port on all interfaces collides with both loopback ports, which do
# not collide with each other. Only ports with an earlier rival get a finding.
test_fail_only_ports_with_earlier_rival if {
	services := [
		_service("a", [_tcp(3, "127.0.0.1", 5000)]),
		_service("b", [_tcp(6, "127.0.0.2", 5000)]),
		_service("c", [_tcp(9, "", 5000)]),
	]

	rule.deny == {_finding(
		"c",
		_message("c", "5000/tcp", "127.0.0.1:5000/tcp", `service "a"`, "compose.yaml:3"),
		_loc("compose.yaml", 9),
	)} with input as _single_project(services)
}

test_success_different_protocols if {
	services := [
		_service("dns-tcp", [_tcp(3, "", 53)]),
		_service("dns-udp", [_port("compose.yaml", 6, "", 53, 53, "udp")]),
	]

	rule.deny == set() with input as _single_project(services)
}

test_success_different_loopback_addresses if {
	services := [
		_service("a", [_tcp(3, "127.0.0.1", 8080)]),
		_service("b", [_tcp(6, "127.0.0.2", 8080)]),
	]

	rule.deny == set() with input as _single_project(services)
}

test_success_ipv4_and_ipv6_wildcards if {
	services := [
		_service("a", [_tcp(3, "0.0.0.0", 8080)]),
		_service("b", [_tcp(6, "::", 8080)]),
		_service("c", [_tcp(9, "::1", 8081)]),
		_service("d", [_tcp(12, "0.0.0.0", 8081)]),
	]

	rule.deny == set() with input as _single_project(services)
}

test_success_container_only_ports if {
	container_only := {
		"host_ip": "",
		"published": "",
		"published_start": 0,
		"published_end": 0,
		"target": 80,
		"protocol": "tcp",
		"location": _loc("compose.yaml", 3),
	}
	services := [
		_service("a", [container_only]),
		_service("b", [object.union(container_only, {"location": _loc("compose.yaml", 6)})]),
	]

	rule.deny == set() with input as _single_project(services)
}

test_success_different_hosts if {
	doc := {"projects": [
		_project("a", "cpu-1", [_service("web", [_port("a/compose.yaml", 4, "", 80, 80, "tcp")])]),
		_project("b", "cpu-2", [_service("web", [_port("b/compose.yaml", 4, "", 80, 80, "tcp")])]),
	]}

	rule.deny == set() with input as doc
}

test_success_adjacent_ranges if {
	services := [
		_service("a", [_port("compose.yaml", 3, "", 8000, 8009, "tcp")]),
		_service("b", [_port("compose.yaml", 6, "", 8010, 8019, "tcp")]),
	]

	rule.deny == set() with input as _single_project(services)
}

test_success_null_lists if {
	services := [
		_service("a", null),
		_service("b", [object.union(_tcp(3, "", 8080), {"unresolved": null, "host_ip": null})]),
	]

	rule.deny == set() with input as _single_project(services)
}

# Services defined by two projects on one host

_defined(name, file, line) := {"name": name, "location": {"file": file, "line": line, "column": 3}, "ports": []}

_duplicate_message(service, project, first_service, first_project, position, host) := sprintf(
	"Service %q of project %q is also defined as %q by project %q at %s, and both projects run on host %q, so two containers take the same role. Remove one of the definitions, or rename one service if they do different work.",
	[service, project, first_service, first_project, position, host],
)

test_fail_service_defined_by_two_projects_on_host if {
	doc := {"projects": [
		_project("monitoring", "gpu-1", [_defined("UnifiedObservabilityCenter", "b/compose.yaml", 3)]),
		_project("frontend", "gpu-1", [
			_defined("web", "a/compose.yaml", 2),
			_defined("unified-observability-center", "a/compose.yaml", 5),
		]),
		_project("other", "cpu-1", [_defined("unified_observability_center", "c/compose.yaml", 2)]),
	]}

	rule.deny == {_finding(
		"UnifiedObservabilityCenter",
		_duplicate_message("UnifiedObservabilityCenter", "monitoring", "unified-observability-center", "frontend", "a/compose.yaml:5", "gpu-1"),
		{"file": "b/compose.yaml", "line": 3, "column": 3},
	)} with input as doc
}

test_fail_every_later_definition_names_first if {
	doc := {"projects": [
		_project("b", "gpu-1", [_defined("uoc", "b/compose.yaml", 8)]),
		_project("c", "gpu-1", [_defined("uoc", "c/compose.yaml", 2)]),
		_project("a", "gpu-1", [_defined("uoc", "a/compose.yaml", 4)]),
	]}

	rule.deny == {
		_finding("uoc", _duplicate_message("uoc", "b", "uoc", "a", "a/compose.yaml:4", "gpu-1"), {"file": "b/compose.yaml", "line": 8, "column": 3}),
		_finding("uoc", _duplicate_message("uoc", "c", "uoc", "a", "a/compose.yaml:4", "gpu-1"), {"file": "c/compose.yaml", "line": 2, "column": 3}),
	} with input as doc
}

# The host defaults to the project name when it is empty or null, so these
# two projects run on different hosts.
test_success_same_service_on_different_hosts if {
	doc := {"projects": [
		_project("a", "", [_defined("web", "a/compose.yaml", 2)]),
		_project("b", null, [_defined("web", "b/compose.yaml", 2)]),
	]}

	rule.deny == set() with input as doc
}

# Both projects merge the same base file, so the service is written once.
test_success_shared_file_merged_by_two_projects if {
	doc := {"projects": [
		_project("prod", "gpu-1", [_defined("api", "base/compose.yaml", 3)]),
		_project("staging", "gpu-1", [_defined("api", "base/compose.yaml", 3)]),
	]}

	rule.deny == set() with input as doc
}

# Names that normalize alike inside one project are two services of that
# project, not one service defined twice.
test_success_similar_names_in_one_project if {
	services := [_defined("web_api", "compose.yaml", 2), _defined("web-api", "compose.yaml", 6)]

	rule.deny == set() with input as _single_project(services)
}

test_success_null_fields if {
	doc := {"projects": [
		{"name": "a", "host": null, "services": null, "variables": null},
		_project("b", "gpu-1", [
			{"name": "web", "location": null, "ports": [object.union(_tcp(3, "", 8080), {"protocol": null, "host_ip": null})]},
			{"name": null, "location": _loc("compose.yaml", 5), "ports": null},
		]),
	]}

	rule.deny == set() with input as doc
}
