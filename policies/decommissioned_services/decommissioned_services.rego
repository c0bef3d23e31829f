# METADATA
# title: Decommissioned service still deployed
# description: Decommissioned services must not be defined in any Compose project, and no service may depend on or link to them.
# related_resources:
#   - description: Rule documentation
#     ref: https://github.com/berth-policy/berth/blob/main/docs/rules/C-2.md
# custom:
#   id: C-2
#   name: decommissioned-services
#   priority: P0
#   tags:
#     - lifecycle
#   params:
#     services:
#       - ObservabilityDashboardAPI
#     replacements:
#       ObservabilityDashboardAPI: UnifiedObservabilityCenter
package berth.rules.decommissioned_services

import data.berth.lib.config
import data.berth.lib.names
import data.berth.lib.result

_params := config.params(rego.metadata.chain())

# A decommissioned service is still defined.
deny contains finding if {
	some project in input.projects
	some service in project.services
	names.listed(service.name, _params.services)

	message := sprintf(
		"Service %q is decommissioned but still defined in project %q. %s",
		[service.name, project.name, _removal_advice(service.name, _params.replacements)],
	)
	finding := result.fail_service(rego.metadata.chain(), message, service.location, service.name)
}

# Another service still depends on or links to a decommissioned service.
deny contains finding if {
	some project in input.projects
	some service in project.services
	not names.listed(service.name, _params.services)
	some key in ["depends_on", "links"]
	some link in object.get(service, key, [])
	names.listed(link.service, _params.services)

	message := sprintf(
		"Service %q lists decommissioned service %q under %s. %s",
		[service.name, link.service, key, _reference_advice(link.service, _params.replacements)],
	)
	finding := result.fail_service(rego.metadata.chain(), message, link.location, service.name)
}

_removal_advice(name, replacements) := sprintf(
	"Remove it and move its clients to %q.",
	[_replacement(name, replacements)],
)

_removal_advice(name, replacements) := "Remove it and move its clients to the service that took over its work." if {
	not _replacement(name, replacements)
}

_reference_advice(name, replacements) := sprintf(
	"Remove the entry and point the service at %q instead.",
	[_replacement(name, replacements)],
)

_reference_advice(name, replacements) := "Remove the entry and point the service at the service that took over its work." if {
	not _replacement(name, replacements)
}

# Replacement keys are service names, so they match the same way as the
# services list. The smallest name wins if several keys match one service.
# An empty replacement names none, which is how a backlog removes a default:
# backlog params are merged into the defaults key by key.
_replacement(name, replacements) := min({replacement |
	some key, replacement in replacements
	names.normalize(key) == names.normalize(name)
	replacement != ""
})
