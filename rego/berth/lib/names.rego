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
	some entry in names
	normalize(entry) == normalize(name)
}
