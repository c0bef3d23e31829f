# METADATA
# title: Rule configuration
# description: |
#   Resolves a rule's parameters. Defaults come from the rule's own
#   custom.params metadata; a bundle's data.berth.backlog and then the
#   input's backlog override them key by key.
package berth.lib.config

import data.berth.lib.result

# METADATA
# title: params
# description: Returns the parameters of the rule whose metadata chain is given.
params(chain) := object.union_n([
	_defaults(chain),
	_bundle_params(result.rule_id(chain)),
	object.get(input, ["backlog", "items", result.rule_id(chain), "params"], {}),
])

_defaults(chain) := [link.annotations.custom.params |
	some link in chain
	link.annotations.custom.params
][0]

_defaults(chain) := {} if {
	every link in chain {
		not link.annotations.custom.params
	}
}

# A bundle built by berth carries the backlog under data.berth.backlog, so
# that stock OPA evaluates the rules with the team's parameters.
_bundle_params(id) := data.berth.backlog.items[id].params

_bundle_params(id) := {} if not data.berth.backlog.items[id].params
