# METADATA
# title: Service names
# description: Compares service and folder names the way the backlog writes them.
package berth.lib.names

# METADATA
# title: normalize
# description: |
#   Returns name in lower case without separators, so that ServiceRegistry,
#   service-registry and service_registry compare equal. Undefined when name
#   is not a string.
normalize(name) := lower(regex.replace(name, `[-_.\s]`, "")) if is_string(name)

# METADATA
# title: listed
# description: Reports whether name matches any entry of names after normalizing both.
listed(name, names) if {
	# Exemption lists are empty by default, and an empty list needs no
	# normalizing.
	names != []
	normalize(name) in normalized(names)
}

# METADATA
# title: normalized
# description: |
#   Returns the set of normalized entries of names, skipping entries that are
#   not strings. OPA caches a function's result for the same arguments, so a
#   rule that checks every service against one list builds the set once.
normalized(names) := {normalize(entry) | some entry in names}
