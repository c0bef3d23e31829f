package berth.rules.dependency_cycles_test

import data.berth.rules.dependency_cycles as rule

_loc(line, column) := {"file": "compose.yaml", "line": line, "column": column}

_input(services) := {"projects": [{"name": "app", "host": "app", "services": services}]}

_service(name, line, fields) := object.union({"name": name, "location": _loc(line, 3)}, fields)

_link(service, known, line) := {"service": service, "known": known, "location": _loc(line, 9)}

_env(name, value, line) := {"name": name, "value": value, "source": "environment", "location": _loc(line, 9)}

_finding(service, message, location) := {"rule": "C-12", "msg": message, "location": location, "service": service}

_cycle_message(path, reasons) := sprintf(
	"Services of project \"app\" form a dependency cycle %s, because %s. Docker Compose rejects a cycle of depends_on, links, volumes_from and network_mode references, and services that call each other at startup cannot start or restart on their own. Remove one of these references, for example by moving the shared state into another service.",
	[path, reasons],
)

_unknown_message(service, target, field) := sprintf(
	"Service %q lists %q in %s, but project \"app\" has no service of that name. Docker Compose rejects the project until the entry names an existing service or is removed.",
	[service, target, field],
)

test_fail_depends_on_and_environment_url_cycle if {
	services := [
		_service("system-digital-twin", 2, {"environment": [
			_env("LOG_LEVEL", "info", 4),
			_env("AUDIO_URL", "ws://streaming-audio:8765/stream", 5),
		]}),
		_service("streaming-audio", 7, {"depends_on": [_link("system-digital-twin", true, 9)]}),
	]

	rule.deny == {_finding(
		"streaming-audio",
		_cycle_message(
			"streaming-audio -> system-digital-twin -> streaming-audio",
			"streaming-audio lists system-digital-twin in depends_on, and system-digital-twin sets AUDIO_URL to a URL of streaming-audio",
		),
		_loc(9, 9),
	)} with input as _input(services)
}

test_fail_three_service_cycle_reported_once if {
	services := [
		_service("c", 2, {"links": [_link("a", true, 4)]}),
		_service("a", 6, {"depends_on": [_link("b", true, 8)]}),
		_service("b", 10, {"volumes_from": [_link("c", true, 12)]}),
	]

	rule.deny == {_finding(
		"a",
		_cycle_message(
			"a -> b -> c -> a",
			"a lists b in depends_on, and b takes the volumes of c with volumes_from, and c lists a in links",
		),
		_loc(8, 9),
	)} with input as _input(services)
}

test_fail_two_references_on_one_hop if {
	services := [
		_service("api", 2, {
			"depends_on": [_link("worker", true, 6)],
			"environment": [_env("WORKER_URL", "http://worker:9000", 4)],
		}),
		_service("worker", 8, {"network_mode": {"value": "service:api", "location": _loc(9, 19)}}),
	]

	rule.deny == {_finding(
		"api",
		_cycle_message(
			"api -> worker -> api",
			"api lists worker in depends_on and sets WORKER_URL to a URL of worker, and worker shares the network stack of api with network_mode",
		),
		_loc(4, 9),
	)} with input as _input(services)
}

test_fail_self_dependency if {
	services := [_service("web", 2, {"depends_on": [_link("web", true, 4)]})]

	rule.deny == {_finding(
		"web",
		_cycle_message("web -> web", "web lists web in depends_on"),
		_loc(4, 9),
	)} with input as _input(services)
}

test_fail_each_elementary_cycle_once if {
	services := [
		_service("registry", 2, {"environment": [
			_env("AUDIO_URL", "http://audio:8000", 4),
			_env("TWIN_URL", "http://twin:8000", 5),
		]}),
		_service("audio", 7, {"environment": [_env("REGISTRY_URL", "http://registry:8500", 9)]}),
		_service("twin", 11, {"environment": [_env("REGISTRY_URL", "http://registry:8500", 13)]}),
	]

	rule.deny == {
		_finding(
			"audio",
			_cycle_message("audio -> registry -> audio", "audio sets REGISTRY_URL to a URL of registry, and registry sets AUDIO_URL to a URL of audio"),
			_loc(9, 9),
		),
		_finding(
			"registry",
			_cycle_message("registry -> twin -> registry", "registry sets TWIN_URL to a URL of twin, and twin sets REGISTRY_URL to a URL of registry"),
			_loc(5, 9),
		),
	} with input as _input(services)
}

test_fail_url_forms if {
	services := [
		_service("db", 2, {"environment": [_env("PEERS", "postgres://replicator:pw@Cache:6379,amqp://queue", 4)]}),
		_service("cache", 6, {"environment": [_env("DB", "http://db", 8)]}),
		_service("queue", 10, {"environment": [_env("DB_URL", "postgres://db/app?sslmode=disable", 12)]}),
	]

	rule.deny == {
		_finding(
			"cache",
			_cycle_message("cache -> db -> cache", "cache sets DB to a URL of db, and db sets PEERS to a URL of cache"),
			_loc(8, 9),
		),
		_finding(
			"db",
			_cycle_message("db -> queue -> db", "db sets PEERS to a URL of queue, and queue sets DB_URL to a URL of db"),
			_loc(4, 9),
		),
	} with input as _input(services)
}

test_fail_unknown_references if {
	services := [
		_service("web", 2, {
			"depends_on": [_link("db", true, 4), _link("dbb", false, 5)],
			"links": [_link("cache", false, 7)],
		}),
		_service("db", 9, {}),
	]

	rule.deny == {
		_finding("web", _unknown_message("web", "dbb", "depends_on"), _loc(5, 9)),
		_finding("web", _unknown_message("web", "cache", "links"), _loc(7, 9)),
	} with input as _input(services)
}

test_fail_projects_checked_separately if {
	doc := {"projects": [
		{"name": "edge", "host": "edge", "services": [_service("proxy", 2, {"depends_on": [_link("api", true, 4)]})]},
		{"name": "app", "host": "app", "services": [
			_service("api", 2, {"depends_on": [_link("worker", true, 4)]}),
			_service("worker", 6, {"environment": [_env("PROXY_URL", "http://proxy:80", 8), _env("API_URL", "http://api:80", 9)]}),
		]},
	]}

	rule.deny == {_finding(
		"api",
		_cycle_message("api -> worker -> api", "api lists worker in depends_on, and worker sets API_URL to a URL of api"),
		_loc(4, 9),
	)} with input as doc
}

# Seven services that all depend on each other have 6^7 paths to explore,
# more than the rule lists cycle by cycle.
test_fail_too_many_cycles_reports_each_service if {
	names := ["s1", "s2", "s3", "s4", "s5", "s6", "s7"]
	services := [_service(name, 10 * k, {"depends_on": [_link(other, true, (10 * k) + j) |
		some j, other in names
		other != name
	]}) |
		some k, name in names
	]

	expected := {_finding(
		name,
		sprintf(
			"Service %q is on one of the dependency cycles among 7 services of project \"app\", which are too many to list one by one. It references %s, each also on a cycle. Remove references until no service depends on itself through others.",
			[name, concat(", ", [other | some other in names; other != name])],
		),
		_loc((10 * k) + first, 9),
	) |
		some k, name in names
		first := [j | some j, other in names; other != name][0]
	}

	rule.deny == expected with input as _input(services)
}

test_success_acyclic_dependencies if {
	services := [
		_service("web", 2, {
			"depends_on": [_link("api", true, 4), _link("db", true, 5)],
			"environment": [_env("API_URL", "http://api:8080", 7)],
		}),
		_service("api", 9, {
			"depends_on": [_link("db", true, 11)],
			"environment": [_env("DATABASE_URL", "postgres://app:secret@db:5432/app", 13)],
		}),
		_service("db", 15, {"volumes_from": [_link("backup", true, 17)]}),
		_service("backup", 19, {}),
	]

	rule.deny == set() with input as _input(services)
}

test_success_own_url_and_host_name_lookalikes if {
	services := [
		_service("web", 2, {"environment": [
			_env("PUBLIC_URL", "http://web:8080", 4),
			_env("DB_HOST", "db", 5),
			_env("MIRROR", "https://db.example.com/web", 6),
			_env("PROXY", "http://webproxy:3128", 7),
			_env("FROM_ENVIRONMENT", null, 8),
		]}),
		_service("db", 10, {"environment": [_env("APP_URL", "https://web.example.com", 12)]}),
	]

	rule.deny == set() with input as _input(services)
}

test_success_network_mode_host_and_container if {
	services := [
		_service("web", 2, {
			"network_mode": {"value": "host", "location": _loc(3, 19)},
			"depends_on": [_link("vpn", true, 5)],
		}),
		_service("vpn", 7, {"network_mode": {"value": "container:web", "location": _loc(8, 19)}}),
	]

	rule.deny == set() with input as _input(services)
}

test_success_no_projects if {
	rule.deny == set() with input as {"projects": []}
}
