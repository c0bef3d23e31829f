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
	_object_or_empty(object.get(input, ["backlog", "items", result.rule_id(chain), "params"], {})),
])

# The nearest annotation whose custom.params is an object wins. One else
# chain gives the function a single value, even when a rule writes params:
# without a value, which the metadata holds as null.
_defaults(chain) := objects[0] if {
	objects := [link.annotations.custom.params |
		some link in chain
		is_object(link.annotations.custom.params)
	]
	count(objects) > 0
} else := {}

# A bundle built by berth carries the backlog under data.berth.backlog, so
# that stock OPA evaluates the rules with the team's parameters.
_bundle_params(id) := data.berth.backlog.items[id].params if {
	is_object(data.berth.backlog.items[id].params)
} else := {}

# An item without parameters may carry params: null, as a nil Go map is
# encoded, which object.union_n rejects.
_object_or_empty(value) := value if {
	is_object(value)
} else := {}
