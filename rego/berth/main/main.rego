# METADATA
# title: Entry point
# description: |
#   Gathers the findings of every rule under data.berth.rules. Each rule is
#   a package that defines a deny set; nothing registers rules in Go.
package berth.main

# METADATA
# title: findings
# description: All findings of all rules over the whole input.
findings contains finding if {
	some name
	some finding in data.berth.rules[name].deny
}
