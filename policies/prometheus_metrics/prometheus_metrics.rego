# METADATA
# title: Service exposes no Prometheus metrics
# description: Every service must expose Prometheus metrics through scrape labels or a metrics port, unless it is exempt.
# related_resources:
#   - description: Rule documentation
#     ref: https://github.com/berth-policy/berth/blob/main/docs/rules/C-18.md
# custom:
#   id: C-18
#   name: prometheus-metrics
#   priority: P2
#   tags:
#     - observability
#   params:
#     labels:
#       - prometheus.io/scrape
#       - prometheus.io/port
#     metrics_ports: []
#     exempt_services: []
#     exempt_images:
#       - redis
#       - postgres
#       - mysql
#       - mariadb
#       - mongo
#       - tecnativa/docker-socket-proxy
package berth.rules.prometheus_metrics

import data.berth.lib.config
import data.berth.lib.images
import data.berth.lib.names
import data.berth.lib.result

_params := config.params(rego.metadata.chain())

# A service with no sign of metrics.
deny contains finding if {
	some project in input.projects
	some service in project.services
	not _exempt(service, _params)
	not _scrape_disabled(service, _params.labels)
	not _exposes_metrics(service, _params)

	missing := [name | some name in _params.labels; not _label_set(service, name)]
	message := sprintf(
		"Service %q has no metrics port and does not set %s, so Prometheus does not scrape it. Serve metrics over HTTP and add the labels %s.",
		[service.name, concat(" and ", missing), concat(" and ", [_label_hint(name) | some name in _params.labels])],
	)
	finding := result.fail_service(rego.metadata.chain(), message, service.location, service.name)
}

# A scrape label set to false turns scraping off on purpose.
deny contains finding if {
	some project in input.projects
	some service in project.services
	not _exempt(service, _params)
	some label in service.labels
	label.name in _params.labels
	_scrape_label(label.name)
	_false(label.value)

	message := sprintf(
		"Service %q sets %s to %q, so Prometheus skips it. Set it to \"true\" and serve metrics on the port in the port label, or exempt the service in the backlog if it cannot serve metrics.",
		[service.name, label.name, label.value],
	)
	finding := result.fail_service(rego.metadata.chain(), message, label.location, service.name)
}

# Every configured label is set, and the scrape label says true.
_exposes_metrics(service, params) if {
	every name in params.labels {
		_label_set(service, name)
	}
}

_exposes_metrics(service, params) if {
	some port in service.ports
	port.target in params.metrics_ports
}

_exposes_metrics(service, _) if {
	some port in service.ports
	contains(lower(object.get(port, "raw", "")), "metrics")
}

# A long-syntax port carries no raw text, but its name can say metrics.
_exposes_metrics(service, _) if {
	some port in service.ports
	name := object.get(port, "name", "")
	is_string(name)
	contains(lower(name), "metrics")
}

# An environment entry such as METRICS_PORT=9100 or ENABLE_METRICS=true
# shows that the service serves metrics, unless its value turns them off.
_exposes_metrics(service, _) if {
	some entry in service.environment
	contains(lower(entry.name), "metrics")
	not _false(entry.value)
}

_label_set(service, name) if {
	some label in service.labels
	label.name == name
	not _scrape_label(name)
	label.value != ""
}

_label_set(service, name) if {
	some label in service.labels
	label.name == name
	_scrape_label(name)
	lower(label.value) == "true"
}

_scrape_disabled(service, label_names) if {
	some label in service.labels
	label.name in label_names
	_scrape_label(label.name)
	_false(label.value)
}

_scrape_label(name) if endswith(lower(name), "scrape")

_false(value) if {
	is_string(value)
	lower(value) in {"false", "0", "no", "off"}
}

_label_hint(name) := sprintf("%s: \"true\"", [name]) if {
	_scrape_label(name)
} else := sprintf("%s: \"<metrics port>\"", [name]) if {
	endswith(lower(name), "port")
} else := name

_exempt(service, params) if names.listed(service.name, params.exempt_services)

_exempt(service, params) if images.listed(service.image.value, params.exempt_images)
