# METADATA
# title: Service cannot reach the service registry
# description: When the stack runs the service registry, every other service must reach it through the registry URL variable or a depends_on entry.
# related_resources:
#   - description: Rule documentation
#     ref: https://github.com/berth-policy/berth/blob/main/docs/rules/C-8.md
# custom:
#   id: C-8
#   name: service-discovery
#   priority: P0
#   tags:
#     - discovery
#   params:
#     registry: ServiceRegistry
#     variable: SERVICE_REGISTRY_URL
#     exempt_services: []
#     require_registry: false
package berth.rules.service_discovery

import data.berth.lib.config
import data.berth.lib.names
import data.berth.lib.result

_params := config.params(rego.metadata.chain())

# A service next to the registry has no way to find it.
deny contains finding if {
	count(_registry_projects) > 0
	some project in input.projects
	some service in project.services
	not _registry(service.name, _params.registry)
	not names.listed(service.name, _params.exempt_services)
	not _reaches_registry(service, _params)

	message := sprintf(
		"Service %q cannot find the service registry %q. Set %s to the registry's URL in its environment, or add %q to its depends_on.",
		[service.name, _params.registry, _params.variable, _params.registry],
	)
	finding := result.fail_service(rego.metadata.chain(), message, service.location, service.name)
}

# No project defines the registry although the backlog requires one.
deny contains finding if {
	_params.require_registry == true
	count(_registry_projects) == 0
	some project in input.projects
	first := project.services[0]

	message := sprintf(
		"Project %q has no service registry %q, so its services cannot discover each other. Add the registry service to the stack.",
		[project.name, _params.registry],
	)
	finding := result.fail(rego.metadata.chain(), message, first.location)
}

# The projects that define the registry, on any host: services on other
# machines find it through its URL, so they are checked too. Building the
# set once keeps the rule linear in the number of services.
_registry_projects contains i if {
	some i, project in input.projects
	some service in project.services
	_registry(service.name, _params.registry)
}

_registry(name, registry) if names.listed(name, [registry])

_reaches_registry(service, params) if {
	some env in service.environment
	env.name == params.variable
	is_string(env.value)
	trim_space(env.value) != ""
}

_reaches_registry(service, params) if {
	some link in service.depends_on
	_registry(link.service, params.registry)
}
