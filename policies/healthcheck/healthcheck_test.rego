package berth.rules.healthcheck_test

import data.berth.rules.healthcheck as rule

_loc(file, line) := {"file": file, "line": line, "column": 1}

_input(services, dockerfiles) := {
	"projects": [{"name": "app", "host": "app", "services": services}],
	"dockerfiles": dockerfiles,
}

_service(name, fields) := object.union({"name": name, "location": _loc("compose.yaml", 2)}, fields)

_compose_check(test, line) := {"test": test, "disable": false, "location": _loc("compose.yaml", line)}

_build(target) := {
	"context": "api",
	"dockerfile": "api/Dockerfile",
	"dockerfile_exists": true,
	"target": target,
	"location": _loc("compose.yaml", 3),
}

_run(line) := {"command": "run", "args": ["pip install -r requirements.txt"], "location": _loc("api/Dockerfile", line)}

_dockerfile_check(test, line) := {
	"command": "healthcheck",
	"args": test,
	"healthcheck": {"test": test, "disable": false, "location": _loc("api/Dockerfile", line)},
	"location": _loc("api/Dockerfile", line),
}

_stage(index, name, base_stage, final, instructions) := {
	"index": index,
	"name": name,
	"final": final,
	"base": {"image": "python", "tag": "3.12-slim", "stage": base_stage},
	"location": _loc("api/Dockerfile", (index * 10) + 1),
	"instructions": instructions,
}

_dockerfiles(stages) := {"api/Dockerfile": {"path": "api/Dockerfile", "stages": stages}}

_curl_health := ["CMD", "curl", "-fsS", "http://localhost:8000/health"]

_finding(service, message, location) := {"rule": "C-9", "msg": message, "location": location, "service": service}

_missing_message(service, path) := sprintf(
	"Service %q has no healthcheck. Add one whose test requests %s, in the Compose file or as a HEALTHCHECK in its Dockerfile.",
	[service, path],
)

_disabled_message(service, setting) := sprintf(
	"Service %q disables its healthcheck, so Docker never notices when it stops serving. Remove %s and add a test that requests /health.",
	[service, setting],
)

_wrong_path_message(service, path) := sprintf(
	"The healthcheck of service %q does not request %s. Change its test to probe that path, for example with curl -fsS http://localhost:<port>%s.",
	[service, path, path],
)

test_fail_service_without_healthcheck if {
	services := [_service("web", {"image": {"value": "nginx:1.27", "location": _loc("compose.yaml", 3)}})]

	rule.deny == {_finding("web", _missing_message("web", "/health"), _loc("compose.yaml", 2))} with input as _input(services, {})
}

test_fail_compose_disable_true if {
	check := {"test": [], "disable": true, "location": _loc("compose.yaml", 5)}
	services := [_service("web", {"healthcheck": check})]

	rule.deny == {_finding("web", _disabled_message("web", "disable: true"), _loc("compose.yaml", 5))} with input as _input(services, {})
}

test_fail_compose_test_none if {
	services := [_service("web", {"healthcheck": _compose_check(["NONE"], 5)})]

	rule.deny == {_finding("web", _disabled_message("web", `test: ["NONE"]`), _loc("compose.yaml", 5))} with input as _input(services, {})
}

test_fail_compose_test_misses_path if {
	services := [_service("db", {"healthcheck": _compose_check(["CMD-SHELL", "pg_isready -U app"], 6)})]

	rule.deny == {_finding("db", _wrong_path_message("db", "/health"), _loc("compose.yaml", 6))} with input as _input(services, {})
}

test_fail_compose_section_without_test_or_dockerfile if {
	services := [_service("web", {"healthcheck": _compose_check([], 5)})]

	message := `The healthcheck of service "web" has no test, and berth found no HEALTHCHECK in its Dockerfile to inherit. Add a test that requests /health.`
	rule.deny == {_finding("web", message, _loc("compose.yaml", 5))} with input as _input(services, {})
}

test_fail_dockerfile_healthcheck_none if {
	services := [_service("api", {"build": _build("")})]
	stages := [_stage(0, "", -1, true, [_run(3), _dockerfile_check(["NONE"], 5)])]

	message := _disabled_message("api", "HEALTHCHECK NONE from the Dockerfile")
	rule.deny == {_finding("api", message, _loc("api/Dockerfile", 5))} with input as _input(services, _dockerfiles(stages))
}

test_fail_dockerfile_healthcheck_misses_path if {
	services := [_service("api", {"build": _build("")})]
	stages := [_stage(0, "", -1, true, [_dockerfile_check(["CMD-SHELL", "curl -f http://localhost:8000/"], 4)])]

	rule.deny == {_finding("api", _wrong_path_message("api", "/health"), _loc("api/Dockerfile", 4))} with input as _input(services, _dockerfiles(stages))
}

test_fail_last_dockerfile_healthcheck_wins if {
	services := [_service("api", {"build": _build("")})]
	stages := [_stage(0, "", -1, true, [
		_dockerfile_check(_curl_health, 4),
		_dockerfile_check(["CMD", "true"], 6),
	])]

	rule.deny == {_finding("api", _wrong_path_message("api", "/health"), _loc("api/Dockerfile", 6))} with input as _input(services, _dockerfiles(stages))
}

test_fail_target_stage_without_healthcheck if {
	services := [_service("api", {"build": _build("Builder")})]
	stages := [
		_stage(0, "builder", -1, false, [_run(3)]),
		_stage(1, "runtime", -1, true, [_dockerfile_check(_curl_health, 14)]),
	]

	rule.deny == {_finding("api", _missing_message("api", "/health"), _loc("compose.yaml", 2))} with input as _input(services, _dockerfiles(stages))
}

test_fail_dockerfile_not_loaded if {
	services := [_service("api", {"build": object.union(_build(""), {"dockerfile": "missing/Dockerfile", "dockerfile_exists": false})})]
	stages := [_stage(0, "", -1, true, [_dockerfile_check(_curl_health, 4)])]

	rule.deny == {_finding("api", _missing_message("api", "/health"), _loc("compose.yaml", 2))} with input as _input(services, _dockerfiles(stages))
}

test_fail_long_running_restart_policies if {
	services := [
		_service("web", {"restart": {"value": "unless-stopped", "location": _loc("compose.yaml", 3)}}),
		object.union(
			_service("worker", {"restart": {"value": "always", "location": _loc("compose.yaml", 8)}}),
			{"location": _loc("compose.yaml", 7)},
		),
	]

	rule.deny == {
		_finding("web", _missing_message("web", "/health"), _loc("compose.yaml", 2)),
		_finding("worker", _missing_message("worker", "/health"), _loc("compose.yaml", 7)),
	} with input as _input(services, {})
}

test_fail_custom_path if {
	services := [_service("web", {"healthcheck": _compose_check(_curl_health, 5)})]
	doc := object.union(_input(services, {}), {"backlog": {"items": {"C-9": {"params": {"path": "/ready"}}}}})

	rule.deny == {_finding("web", _wrong_path_message("web", "/ready"), _loc("compose.yaml", 5))} with input as doc
}

test_success_compose_healthcheck_probes_path if {
	services := [_service("web", {"healthcheck": _compose_check(["CMD-SHELL", "wget -qO- http://127.0.0.1/health || exit 1"], 5)})]

	rule.deny == set() with input as _input(services, {})
}

test_success_dockerfile_healthcheck_probes_path if {
	services := [_service("api", {"build": _build("")})]
	stages := [_stage(0, "", -1, true, [_run(3), _dockerfile_check(_curl_health, 5)])]

	rule.deny == set() with input as _input(services, _dockerfiles(stages))
}

test_success_healthcheck_inherited_from_earlier_stage if {
	services := [_service("api", {"build": _build("")})]
	stages := [
		_stage(0, "base", -1, false, [_dockerfile_check(_curl_health, 4)]),
		_stage(1, "", 0, true, [_run(13)]),
	]

	rule.deny == set() with input as _input(services, _dockerfiles(stages))
}

test_success_target_stage_with_healthcheck if {
	services := [_service("api", {"build": _build("runtime")})]
	stages := [
		_stage(0, "runtime", -1, false, [_dockerfile_check(_curl_health, 4)]),
		_stage(1, "debug", -1, true, [_run(13)]),
	]

	rule.deny == set() with input as _input(services, _dockerfiles(stages))
}

test_success_compose_section_without_test_keeps_dockerfile_test if {
	services := [_service("api", {"build": _build(""), "healthcheck": _compose_check([], 6)})]
	stages := [_stage(0, "", -1, true, [_dockerfile_check(_curl_health, 4)])]

	rule.deny == set() with input as _input(services, _dockerfiles(stages))
}

test_success_compose_healthcheck_overrides_dockerfile if {
	services := [_service("api", {"build": _build(""), "healthcheck": _compose_check(_curl_health, 6)})]
	stages := [_stage(0, "", -1, true, [_dockerfile_check(["NONE"], 4)])]

	rule.deny == set() with input as _input(services, _dockerfiles(stages))
}

test_success_one_shot_services if {
	services := [
		_service("migrate", {"restart": {"value": "no", "location": _loc("compose.yaml", 3)}}),
		_service("seed", {"restart": {"value": "on-failure:3", "location": _loc("compose.yaml", 8)}}),
		_service("backup", {"restart": {"value": "on-failure", "location": _loc("compose.yaml", 13)}}),
	]

	rule.deny == set() with input as _input(services, {})
}

test_success_exempt_service if {
	services := [_service("redis_cache", {"image": {"value": "redis:7", "location": _loc("compose.yaml", 3)}})]
	doc := object.union(_input(services, {}), {"backlog": {"items": {"C-9": {"params": {"exempt_services": ["Redis-Cache"]}}}}})

	rule.deny == set() with input as doc
}

test_fail_null_test_and_instructions if {
	services := [_service("api", {"build": _build(""), "healthcheck": {"test": null, "disable": false, "location": _loc("compose.yaml", 5)}})]
	stages := [_stage(0, "", -1, true, null)]

	message := `The healthcheck of service "api" has no test, and berth found no HEALTHCHECK in its Dockerfile to inherit. Add a test that requests /health.`
	rule.deny == {_finding("api", message, _loc("compose.yaml", 5))} with input as _input(services, _dockerfiles(stages))
}

test_fail_disable_points_at_disable_key if {
	check := {
		"test": [],
		"disable": true,
		"location": _loc("compose.yaml", 5),
		"disable_location": _loc("compose.yaml", 6),
	}
	services := [_service("web", {"healthcheck": check})]

	rule.deny == {_finding("web", _disabled_message("web", "disable: true"), _loc("compose.yaml", 6))} with input as _input(services, {})
}

test_fail_wrong_path_points_at_test_key if {
	check := object.union(_compose_check(["CMD", "curl", "-f", "http://localhost:7120/status"], 5), {"test_location": _loc("compose.yaml", 7)})
	services := [_service("twin", {"healthcheck": check})]

	rule.deny == {_finding("twin", _wrong_path_message("twin", "/health"), _loc("compose.yaml", 7))} with input as _input(services, {})
}

test_fail_test_none_points_at_test_key if {
	check := object.union(_compose_check(["NONE"], 5), {"test_location": _loc("compose.yaml", 6)})
	services := [_service("web", {"healthcheck": check})]

	rule.deny == {_finding("web", _disabled_message("web", `test: ["NONE"]`), _loc("compose.yaml", 6))} with input as _input(services, {})
}

test_fail_null_key_locations_point_at_healthcheck if {
	disabled := {
		"test": null,
		"disable": true,
		"location": _loc("compose.yaml", 5),
		"test_location": null,
		"disable_location": null,
	}
	wrong_path := object.union(_compose_check(["CMD", "true"], 12), {"test_location": null, "disable_location": null})
	services := [
		_service("web", {"healthcheck": disabled}),
		object.union(_service("api", {"healthcheck": wrong_path}), {"location": _loc("compose.yaml", 10)}),
	]

	rule.deny == {
		_finding("web", _disabled_message("web", "disable: true"), _loc("compose.yaml", 5)),
		_finding("api", _wrong_path_message("api", "/health"), _loc("compose.yaml", 12)),
	} with input as _input(services, {})
}

# A service written without optional keys, or with them null, still gets
# exactly one finding: no healthcheck.
test_fail_null_and_missing_service_fields if {
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
	}
	services := [
		_service("web", nulls),
		object.union(_service("worker", {"restart": {"value": null}}), {"location": _loc("compose.yaml", 7)}),
		object.union(_service("bare", {}), {"location": _loc("compose.yaml", 9)}),
	]
	doc := {
		"projects": [{"name": "app", "host": "app", "services": services, "variables": null}],
		"backlog": {"items": {"C-9": {"params": null}}},
	}

	rule.deny == {
		_finding("web", _missing_message("web", "/health"), _loc("compose.yaml", 2)),
		_finding("worker", _missing_message("worker", "/health"), _loc("compose.yaml", 7)),
		_finding("bare", _missing_message("bare", "/health"), _loc("compose.yaml", 9)),
	} with input as doc
}

test_fail_dockerfile_healthcheck_without_details if {
	instruction := object.union(_dockerfile_check(["CMD", "true"], 4), {"healthcheck": null})
	services := [_service("api", {"build": object.union(_build(""), {"target": null})})]
	stages := [_stage(0, "", -1, true, [instruction])]

	rule.deny == {_finding("api", _wrong_path_message("api", "/health"), _loc("api/Dockerfile", 4))} with input as _input(services, _dockerfiles(stages))
}

test_success_null_dockerfiles if {
	services := [_service("web", {"healthcheck": _compose_check(_curl_health, 5)})]

	rule.deny == set() with input as _input(services, null)
}

_image(reference) := {"value": reference, "location": _loc("compose.yaml", 3)}

_from(stage, image) := object.union(stage, {"base": {"image": image, "tag": "16", "stage": -1}})

_non_http_missing_message(service, advice) := sprintf(
	"Service %q has no healthcheck. Add one whose test %s, in the Compose file or as a HEALTHCHECK in its Dockerfile.",
	[service, advice],
)

test_success_non_http_images_with_any_test if {
	services := [
		_service("db", {"image": _image("postgres:16"), "healthcheck": _compose_check(["CMD-SHELL", "pg_isready -U app"], 5)}),
		_service("cache", {"image": _image("docker.io/library/redis:7.4"), "healthcheck": _compose_check(["CMD", "redis-cli", "ping"], 9)}),
		_service("queue", {"image": _image("registry.local:5000/infra/RabbitMQ:3-management"), "healthcheck": _compose_check(["CMD", "true"], 13)}),
		_service("search", {"image": _image("opensearchproject/opensearch@sha256:0123"), "healthcheck": _compose_check(["CMD-SHELL", "curl -fs localhost:9200"], 17)}),
	]

	rule.deny == set() with input as _input(services, {})
}

test_success_non_http_base_image_with_dockerfile_healthcheck if {
	services := [_service("db", {"build": _build("")})]
	stages := [_from(_stage(0, "", -1, true, [_dockerfile_check(["CMD-SHELL", "pg_isready"], 4)]), "postgis/postgis")]

	rule.deny == set() with input as _input(services, _dockerfiles(stages))
}

test_success_non_http_base_image_through_stages if {
	services := [_service("db", {"build": _build(""), "healthcheck": _compose_check(["CMD", "pg_isready"], 6)})]
	stages := [
		_from(_stage(0, "base", -1, false, [_run(3)]), "postgres"),
		_stage(1, "", 0, true, [_run(13)]),
	]

	rule.deny == set() with input as _input(services, _dockerfiles(stages))
}

test_fail_non_http_images_without_healthcheck if {
	services := [
		_service("db", {"image": _image("postgres:16")}),
		object.union(_service("cache", {"image": _image("bitnami/valkey:8")}), {"location": _loc("compose.yaml", 7)}),
		object.union(_service("zk", {"image": _image("zookeeper:3.9")}), {"location": _loc("compose.yaml", 11)}),
		object.union(_service("docs", {"image": _image("mongo:7")}), {"location": _loc("compose.yaml", 15)}),
	]

	rule.deny == {
		_finding("db", _non_http_missing_message("db", "checks whether postgres is ready, such as pg_isready"), _loc("compose.yaml", 2)),
		_finding("cache", _non_http_missing_message("cache", "checks whether valkey is ready, such as valkey-cli ping"), _loc("compose.yaml", 7)),
		_finding("zk", _non_http_missing_message("zk", "checks whether zookeeper is ready, such as a ping with the client that its image ships"), _loc("compose.yaml", 11)),
		_finding("docs", _non_http_missing_message("docs", `checks whether mongo is ready, such as mongosh --eval "db.adminCommand('ping')"`), _loc("compose.yaml", 15)),
	} with input as _input(services, {})
}

test_fail_non_http_image_disables_healthcheck if {
	check := {"test": [], "disable": true, "location": _loc("compose.yaml", 5), "disable_location": _loc("compose.yaml", 6)}
	services := [_service("cache", {"image": _image("redis:7"), "healthcheck": check})]

	message := `Service "cache" disables its healthcheck, so Docker never notices when it stops serving. Remove disable: true and add a test that checks whether redis is ready, such as redis-cli ping.`
	rule.deny == {_finding("cache", message, _loc("compose.yaml", 6))} with input as _input(services, {})
}

test_fail_non_http_base_image_healthcheck_none if {
	services := [_service("db", {"build": _build("")})]
	stages := [_from(_stage(0, "", -1, true, [_dockerfile_check(["NONE"], 5)]), "mysql")]

	message := `Service "db" disables its healthcheck, so Docker never notices when it stops serving. Remove HEALTHCHECK NONE from the Dockerfile and add a test that checks whether mysql is ready, such as mysqladmin ping.`
	rule.deny == {_finding("db", message, _loc("api/Dockerfile", 5))} with input as _input(services, _dockerfiles(stages))
}

test_fail_non_http_section_without_test if {
	services := [_service("broker", {"image": _image("rabbitmq:3"), "healthcheck": _compose_check([], 5)})]

	message := `The healthcheck of service "broker" has no test, and berth found no HEALTHCHECK in its Dockerfile to inherit. Add a test that checks whether rabbitmq is ready, such as rabbitmq-diagnostics -q ping.`
	rule.deny == {_finding("broker", message, _loc("compose.yaml", 5))} with input as _input(services, {})
}

# Only the image that the running stage starts from counts, not the image
# of a stage that it copies from.
test_fail_non_http_image_in_other_stage if {
	services := [_service("api", {"build": _build("")})]
	stages := [
		_from(_stage(0, "seed", -1, false, [_run(3)]), "postgres"),
		_stage(1, "", -1, true, [_dockerfile_check(["CMD", "pg_isready"], 14)]),
	]

	rule.deny == {_finding("api", _wrong_path_message("api", "/health"), _loc("api/Dockerfile", 14))} with input as _input(services, _dockerfiles(stages))
}

test_fail_non_http_images_param_replaces_defaults if {
	services := [
		_service("db", {"image": _image("postgres:16"), "healthcheck": _compose_check(["CMD", "pg_isready"], 5)}),
		_service("scylla", {"image": _image("scylladb/scylla:6"), "healthcheck": _compose_check(["CMD", "nodetool", "status"], 9)}),
		object.union(_service("store", {"image": _image("registry.local/kv-store:2")}), {"location": _loc("compose.yaml", 12)}),
	]
	params := {"non_http_images": ["ScyllA", "kv-store", 7, null]}
	doc := object.union(_input(services, {}), {"backlog": {"items": {"C-9": {"params": params}}}})

	rule.deny == {
		_finding("db", _wrong_path_message("db", "/health"), _loc("compose.yaml", 5)),
		_finding("store", _non_http_missing_message("store", "checks whether kv-store is ready, such as a ping with the client that its image ships"), _loc("compose.yaml", 12)),
	} with input as doc
}

test_fail_null_non_http_images_param if {
	services := [_service("db", {"image": _image("postgres:16"), "healthcheck": _compose_check(["CMD", "pg_isready"], 5)})]
	doc := object.union(_input(services, {}), {"backlog": {"items": {"C-9": {"params": {"non_http_images": null}}}}})

	rule.deny == {_finding("db", _wrong_path_message("db", "/health"), _loc("compose.yaml", 5))} with input as doc
}

test_fail_image_without_string_value if {
	services := [
		_service("web", {"image": {"value": null, "location": _loc("compose.yaml", 3)}}),
		object.union(_service("api", {"image": {"value": 5}, "build": _build("")}), {"location": _loc("compose.yaml", 7)}),
	]
	stages := [_from(_stage(0, "", -1, true, [_run(3)]), "")]

	rule.deny == {
		_finding("web", _missing_message("web", "/health"), _loc("compose.yaml", 2)),
		_finding("api", _missing_message("api", "/health"), _loc("compose.yaml", 7)),
	} with input as _input(services, _dockerfiles(stages))
}
