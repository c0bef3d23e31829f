# METADATA
# title: Findings
# description: Builds the finding objects that every rule returns.
package berth.lib.result

# METADATA
# title: fail
# description: |
#   Returns a finding of the rule whose metadata chain is given. The rule id
#   comes from the first annotation in the chain that has custom.id.
fail(chain, message, location) := {
	"rule": rule_id(chain),
	"msg": message,
	"location": location,
}

# METADATA
# title: fail_service
# description: Returns a finding about one Compose service.
fail_service(chain, message, location, service) := object.union(
	fail(chain, message, location),
	{"service": service},
)

# METADATA
# title: rule_id
# description: Returns the custom.id of the nearest annotation in the chain.
rule_id(chain) := [link.annotations.custom.id |
	some link in chain
	link.annotations.custom.id
][0]
