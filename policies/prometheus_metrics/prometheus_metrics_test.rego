package berth.rules.prometheus_metrics_test

import data.berth.rules.prometheus_metrics as rule

_loc(line, column) := {"file": "compose.yaml", "line": line, "column": column}

_input(services) := {"projects": [{"name": "app", "host": "app", "services": services}]}

_service(name, fields) := object.union({"name": name, "location": _loc(2, 3)}, fields)

_label(name, value, line) := {"name": name, "value": value, "location": _loc(line, 9)}

_port(target, raw) := {"published": "", "target": target, "protocol": "tcp", "raw": raw, "location": _loc(5, 9)}

_env(name, value) := {"name": name, "value": value, "source": "environment", "location": _loc(7, 9)}

_image(value) := {"value": value, "location": _loc(3, 12)}

_finding(service, message, location) := {"rule": "C-18", "msg": message, "location": location, "service": service}

_missing_message(service, missing) := sprintf(
	"Service %q has no metrics port and does not set %s, so Prometheus does not scrape it. Serve metrics over HTTP and add the labels prometheus.io/scrape: \"true\" and prometheus.io/port: \"<metrics port>\".",
	[service, missing],
)

test_fail_no_labels_or_metrics_port if {
	services := [_service("api", {
		"image": _image("registry.local/api:1.0"),
		"ports": [_port(8080, "8080:8080")],
		"environment": [_env("LOG_LEVEL", "info")],
	})]

	rule.deny == {_finding(
		"api",
		_missing_message("api", "prometheus.io/scrape and prometheus.io/port"),
		_loc(2, 3),
	)} with input as _input(services)
}

test_fail_port_label_missing if {
	services := [_service("api", {"labels": [_label("prometheus.io/scrape", "true", 4)]})]

	rule.deny == {_finding("api", _missing_message("api", "prometheus.io/port"), _loc(2, 3))} with input as _input(services)
}

test_fail_scrape_label_not_true if {
	services := [_service("api", {"labels": [
		_label("prometheus.io/scrape", "yes", 4),
		_label("prometheus.io/port", "9100", 5),
	]})]

	rule.deny == {_finding("api", _missing_message("api", "prometheus.io/scrape"), _loc(2, 3))} with input as _input(services)
}

test_fail_scrape_disabled if {
	services := [_service("api", {
		"labels": [_label("prometheus.io/scrape", "False", 4), _label("prometheus.io/port", "9100", 5)],
		"environment": [_env("METRICS_PORT", "9100")],
	})]

	rule.deny == {_finding(
		"api",
		`Service "api" sets prometheus.io/scrape to "False", so Prometheus skips it. Set it to "true" and serve metrics on the port in the port label, or exempt the service in the backlog if it cannot serve metrics.`,
		_loc(4, 9),
	)} with input as _input(services)
}

test_fail_metrics_turned_off if {
	services := [_service("api", {"environment": [_env("ENABLE_METRICS", "false")]})]

	rule.deny == {_finding(
		"api",
		_missing_message("api", "prometheus.io/scrape and prometheus.io/port"),
		_loc(2, 3),
	)} with input as _input(services)
}

test_fail_custom_labels if {
	services := [_service("api", {"labels": [
		_label("prometheus.io/scrape", "true", 4),
		_label("prometheus.io/port", "9100", 5),
	]})]
	params := {"labels": ["prometheus.io/scrape", "prometheus.io/port", "prometheus.io/path"]}

	rule.deny == {_finding(
		"api",
		`Service "api" has no metrics port and does not set prometheus.io/path, so Prometheus does not scrape it. Serve metrics over HTTP and add the labels prometheus.io/scrape: "true" and prometheus.io/port: "<metrics port>" and prometheus.io/path.`,
		_loc(2, 3),
	)} with input as object.union(_input(services), {"backlog": {"items": {"C-18": {"params": params}}}})
}

test_success_scrape_labels if {
	services := [_service("api", {"labels": [
		_label("prometheus.io/scrape", "true", 4),
		_label("prometheus.io/port", "9100", 5),
	]})]

	rule.deny == set() with input as _input(services)
}

test_success_metrics_ports_and_environment if {
	services := [
		_service("exporter", {"ports": [_port(9100, "9100")]}),
		_service("gateway", {"ports": [_port(9000, "target: 9000\nname: metrics")]}),
		_service("worker", {"environment": [_env("PROMETHEUS_METRICS_PORT", "8000")]}),
		_service("scheduler", {"environment": [_env("METRICS_ENABLED", null)]}),
	]
	params := {"metrics_ports": [9100]}

	rule.deny == set() with input as object.union(_input(services), {"backlog": {"items": {"C-18": {"params": params}}}})
}

test_success_exempt_images_and_services if {
	services := [
		_service("db", {"image": _image("docker.io/library/postgres:16")}),
		_service("cache", {"image": _image("redis@sha256:0123abcd")}),
		_service("Migrate_Job", {"image": _image("registry.local/migrate:1.0")}),
	]
	params := {"exempt_services": ["migrate-job"]}

	rule.deny == set() with input as object.union(_input(services), {"backlog": {"items": {"C-18": {"params": params}}}})
}

test_success_no_projects if {
	rule.deny == set() with input as {"projects": []}
}

test_success_long_syntax_port_named_metrics if {
	service := {
		"name": "streaming-audio",
		"location": {"file": "compose.yaml", "line": 2, "column": 3},
		"image": {"value": "registry.local/streaming-audio:1.4.2"},
		"ports": [{"name": "metrics", "target": 9100, "published": "9100", "protocol": "tcp"}],
		"labels": [],
		"environment": [],
	}

	rule.deny == set() with input as {"projects": [{"name": "app", "services": [service]}]}
}
