package berth.rules.stateful_volumes_test

import data.berth.rules.stateful_volumes as rule

_loc(line, column) := {"file": "compose.yaml", "line": line, "column": column}

_input(services, volumes) := {
	"projects": [{"name": "data", "host": "data", "services": services, "volumes": volumes}],
	"dockerfiles": {},
}

_with_params(base, params) := object.union(base, {"backlog": {"items": {"C-7": {"params": params}}}})

_service(name, line, fields) := object.union(
	{"name": name, "location": _loc(line, 3), "volumes": [], "labels": []},
	fields,
)

_image(value, line) := {"image": {"value": value, "location": _loc(line, 12)}}

_mount(type, source, target, line) := {
	"type": type,
	"source": source,
	"target": target,
	"read_only": false,
	"location": _loc(line, 9),
}

_declared(name, line) := {"name": name, "external": false, "location": _loc(line, 3)}

_label(name, value, line) := {"name": name, "value": value, "location": _loc(line, 9)}

_finding(service, message, location) := {"rule": "C-7", "msg": message, "location": location, "service": service}

_missing_message(service, path) := sprintf(
	"Service %q is stateful but mounts no named volume or bind mount at %s, so its data is lost when the container is recreated. Mount a named volume at %s or at a parent directory.",
	[service, path, path],
)

_unknown_path_message(service) := sprintf(
	"Service %q is stateful but mounts no named volume or bind mount, so its data is lost when the container is recreated. Mount a named volume at the directory where it keeps its data.",
	[service],
)

_undeclared_message(service, volume) := sprintf(
	"Service %q uses named volume %q, which the top-level volumes: section does not declare. Declare %q under volumes: at the top level of the Compose file.",
	[service, volume, volume],
)

test_fail_database_without_volume if {
	services := [_service("db", 2, _image("postgres:16-alpine", 3))]

	rule.deny == {_finding("db", _missing_message("db", "/var/lib/postgresql/data"), _loc(2, 3))} with input as _input(services, [])
}

test_fail_mounts_that_do_not_persist if {
	services := [_service("cache", 2, object.union(_image("docker.io/library/redis:7", 3), {"volumes": [
		_mount("tmpfs", "", "/data", 5),
		_mount("volume", "", "/data", 6),
		_mount("volume", "redis-conf", "/usr/local/etc/redis", 7),
		_mount("bind", "./data/redis", "/data/sub", 8),
	]}))]

	rule.deny == {_finding("cache", _missing_message("cache", "/data"), _loc(2, 3))} with input as _input(services, [_declared("redis-conf", 12)])
}

test_fail_registry_and_digest_stripped if {
	services := [_service("vectors", 2, _image("ghcr.io/qdrant/qdrant:v1.9.0@sha256:0123abcd", 3))]

	rule.deny == {_finding("vectors", _missing_message("vectors", "/qdrant/storage"), _loc(2, 3))} with input as _input(services, [])
}

test_fail_built_from_stateful_base if {
	file := "db/Dockerfile"
	services := [_service("db", 2, {"build": {"context": "db", "dockerfile": file, "dockerfile_exists": true, "location": _loc(3, 5)}})]
	dockerfiles := {file: {"path": file, "stages": [{
		"index": 0,
		"final": true,
		"base": {"raw": "postgis/postgis:16-3.4", "reference": "postgis/postgis:16-3.4", "image": "postgis/postgis", "tag": "16-3.4", "stage": -1},
		"location": {"file": file, "line": 1, "column": 1},
		"instructions": [],
	}]}}

	rule.deny == {_finding("db", _missing_message("db", "/var/lib/postgresql/data"), _loc(2, 3))} with input as object.union(
		_input(services, []),
		{"dockerfiles": dockerfiles},
	)
}

test_fail_listed_service_without_mount if {
	services := [_service("system_digital_twin", 2, _image("registry.local/sdt:4", 3))]

	rule.deny == {_finding("system_digital_twin", _unknown_path_message("system_digital_twin"), _loc(2, 3))} with input as _with_params(
		_input(services, []),
		{"services": ["SystemDigitalTwin"]},
	)
}

test_fail_labelled_stateful if {
	services := [_service("ledger", 2, object.union(
		_image("registry.local/ledger:1", 3),
		{"labels": [_label("berth.stateful", "True", 5)]},
	))]

	rule.deny == {_finding("ledger", _unknown_path_message("ledger"), _loc(2, 3))} with input as _input(services, [])
}

test_fail_custom_data_path_by_repository if {
	services := [_service("db", 2, object.union(_image("bitnami/postgresql:16", 3), {"volumes": [_mount("volume", "pg", "/var/lib/postgresql/data", 5)]}))]
	params := {
		"stateful_images": ["postgresql"],
		"data_paths": {"bitnami/postgresql": "/bitnami/postgresql"},
	}

	rule.deny == {_finding("db", _missing_message("db", "/bitnami/postgresql"), _loc(2, 3))} with input as _with_params(
		_input(services, [_declared("pg", 9)]),
		params,
	)
}

test_fail_undeclared_named_volume if {
	services := [
		_service("db", 2, object.union(_image("mysql:8.4", 3), {"volumes": [_mount("volume", "mysql-data", "/var/lib/mysql", 5)]})),
		_service("web", 7, {"volumes": [
			_mount("volume", "uploads", "/srv/uploads", 9),
			_mount("bind", "/srv/static", "/srv/static", 10),
			_mount("bind", "./conf", "/etc/app", 11),
		]}),
	]

	rule.deny == {
		_finding("db", _undeclared_message("db", "mysql-data"), _loc(5, 9)),
		_finding("web", _undeclared_message("web", "uploads"), _loc(9, 9)),
	} with input as _input(services, [])
}

test_success_volume_at_data_path_or_parent if {
	services := [
		_service("db", 2, object.union(_image("postgres:16", 3), {"volumes": [_mount("volume", "pg-data", "/var/lib/postgresql/data/", 5)]})),
		_service("search", 7, object.union(_image("opensearchproject/opensearch:2", 8), {"volumes": [_mount("volume", "os-data", "/usr/share/opensearch", 10)]})),
		_service("queue", 12, object.union(_image("rabbitmq:3-management", 13), {"volumes": [_mount("bind", "./data/rabbitmq", "/var/lib/rabbitmq", 15)]})),
	]

	rule.deny == set() with input as _input(services, [_declared("pg-data", 20), _declared("os-data", 21)])
}

test_success_listed_service_with_any_mount if {
	services := [_service("TieredResponder", 2, object.union(
		_image("registry.local/responder:2", 3),
		{"volumes": [_mount("bind", "/srv/responder", "/state", 5)]},
	))]

	rule.deny == set() with input as _with_params(_input(services, []), {"services": ["tiered-responder"]})
}

test_success_opted_out_by_label if {
	services := [_service("cache", 2, object.union(_image("redis:7", 3), {"labels": [_label("berth.stateful", "false", 5)]}))]

	rule.deny == set() with input as _input(services, [])
}

test_success_stateless_services if {
	services := [
		_service("web", 2, _image("nginx:1.27", 3)),
		_service("redis-exporter", 5, _image("oliver006/redis_exporter:v1.62.0", 6)),
		_service("api", 8, {"build": {"context": "api", "dockerfile": "api/Dockerfile", "dockerfile_exists": false, "location": _loc(9, 5)}}),
	]

	rule.deny == set() with input as _input(services, [])
}

test_success_empty_data_path_accepts_any_mount if {
	services := [_service("cache", 2, object.union(_image("redis:7", 3), {"volumes": [_mount("volume", "redis", "/var/lib/redis", 5)]}))]

	rule.deny == set() with input as _with_params(_input(services, [_declared("redis", 9)]), {"data_paths": {"redis": ""}})
}

test_success_no_projects if {
	rule.deny == set() with input as {"projects": [], "dockerfiles": {}}
}

# db's label has no value and its mount no source or target, so neither
# opts it out or persists its data. cache's null lists mean it mounts
# nothing.
test_fail_null_fields if {
	services := [
		_service("db", 2, object.union(_image("postgres:16", 3), {
			"labels": [_label("berth.stateful", null, 4)],
			"volumes": [
				_mount("volume", null, null, 5),
				_mount("bind", null, null, 6),
			],
			"build": null,
			"profiles": null,
			"environment": null,
		})),
		_service("cache", 8, object.union(_image("redis:7", 9), {"labels": null, "volumes": null, "build": null})),
		_service("web", 11, {"image": null, "build": null, "labels": null, "volumes": null}),
		_service("worker", 13, {"image": {"value": null}}),
	]
	doc := _with_params(_input(services, null), null)

	rule.deny == {
		_finding("db", _missing_message("db", "/var/lib/postgresql/data"), _loc(2, 3)),
		_finding("cache", _missing_message("cache", "/data"), _loc(8, 3)),
	} with input as doc
}
