# Two services of one Compose file must not publish the same host port,
# protocol and address. Written in conftest's conventions for berth's
# benchmarks; berth's own rule is C-10.
package main

# Services that publish each host port, keyed by [address, port, protocol].
# The services are [name, index] pairs, so min() gives a stable first owner.
_published_by[key] contains [name, i] if {
	some name, service in input.services
	some i, port in service.ports
	key := _key(port)
}

# Every service but the first that publishes a key collides with the first.
deny contains msg if {
	some key, owners in _published_by
	count(owners) > 1
	first := min(owners)
	some owner in owners
	owner != first

	msg := sprintf("port-collision: service %q publishes host port %s/%s, which service %q also publishes", [owner[0], key[1], key[2], first[0]])
}

# Short syntax: [HOST_IP:]HOST:CONTAINER[/PROTOCOL]. A port without a host
# part publishes nothing on the host.
# NOTE: an IPv6 host address splits at its colons and is not recognized.
_key(port) := [address, parts[count(parts) - 2], protocol] if {
	is_string(port)
	protocol := _short_protocol(port)
	parts := split(split(port, "/")[0], ":")
	count(parts) >= 2
	address := _short_address(parts)
}

# Long syntax: a mapping with published, target, protocol and host_ip.
_key(port) := [object.get(port, "host_ip", ""), format_int(to_number(port.published), 10), lower(object.get(port, "protocol", "tcp"))] if {
	is_object(port)
	port.published
}

_short_protocol(port) := lower(split(port, "/")[1]) if contains(port, "/")

_short_protocol(port) := "tcp" if not contains(port, "/")

_short_address(parts) := parts[0] if count(parts) == 3

_short_address(parts) := "" if count(parts) != 3
