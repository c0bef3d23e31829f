# Every Compose service must have a healthcheck that probes /health.
# Written in conftest's conventions for berth's benchmarks; berth's own
# rule is C-9.
package main

deny contains msg if {
	some name, service in input.services
	not _probes_health(service)

	msg := sprintf("healthcheck: service %q has no healthcheck that probes /health", [name])
}

_probes_health(service) if {
	not service.healthcheck.disable
	_mentions_health(service.healthcheck.test)
}

# test is a string for CMD-SHELL or a list such as ["CMD", "curl", URL].
_mentions_health(test) if {
	is_string(test)
	contains(test, "/health")
}

_mentions_health(test) if {
	is_array(test)
	some part in test
	contains(part, "/health")
}
