# METADATA
# title: Ports or services collide on one host
# description: Two services must not publish the same host port and protocol on overlapping addresses of one host, and two projects on one host must not define the same service.
# related_resources:
#   - description: Rule documentation
#     ref: https://github.com/berth-policy/berth/blob/main/docs/rules/C-10.md
# custom:
#   id: C-10
#   name: port-collision
#   priority: P1
#   tags:
#     - ports
package berth.rules.port_collision

import data.berth.lib.groups
import data.berth.lib.names
import data.berth.lib.result

# TODO: a range longer than this is checked on its first 1,024 numbers only,
# so a collision further inside a long range is missed.
_max_expanded_range := 1024

# Published ports that can collide, in input order. A port's position in
# this array is its id. Container-only ports have no host port, and ports
# with unresolved variables are left to the port-variables rule.
_ports := [port |
	some project in input.projects
	some service in project.services
	some entry in service.ports
	entry.published_start > 0
	not _has_unresolved(entry)

	end := max([entry.published_start, entry.published_end])
	port := {
		"host": _host(project),
		"project": project.name,
		"service": service.name,
		"protocol": _protocol(entry),
		"address": _address(object.get(entry, "host_ip", "")),
		"start": entry.published_start,
		"end": end,
		"last_expanded": min([end, (entry.published_start + _max_expanded_range) - 1]),
		"location": entry.location,
	}
]

# Sort keys that order ports by file, line and column. The id breaks ties
# between ports that share a location, as services built with extends do.
_order := [array.concat(_position(port.location), [id]) | some id, port in _ports]

# Two ranges overlap exactly when one of them contains the first port of
# the other, so two indexes find every overlap without comparing each pair
# of ports: one keyed by each port's first number, one by every number a
# port covers. Keys are [host, protocol, number].
_by_start := groups.by_key([[[port.host, port.protocol, port.start], id] |
	some id, port in _ports
])

_by_number := groups.by_key([[[port.host, port.protocol, number], id] |
	some id, port in _ports
	some number in numbers.range(port.start, port.last_expanded)
])

deny contains finding if {
	some id, port in _ports
	starting_inside := {other |
		some number in numbers.range(port.start, port.last_expanded)
		some other in _by_start[[port.host, port.protocol, number]]
	}
	covering_start := {other | some other in _by_number[[port.host, port.protocol, port.start]]}
	rivals := {other |
		some other in (starting_inside | covering_start)
		other != id
		_addresses_overlap(port.address, _ports[other].address)
	}
	first := min({_order[other] | some other in rivals})
	first < _order[id]

	owner := _ports[first[3]]
	ports := _overlap(port, owner)
	message := sprintf(
		"Service %q publishes host port %s, which collides with %s published by %s at %s:%d. Move one of them to another host port or bind them to different host addresses.",
		[
			port.service,
			_endpoint(port.address, ports, port.protocol),
			_endpoint(owner.address, ports, owner.protocol),
			_describe_owner(owner, port),
			owner.location.file,
			owner.location.line,
		],
	)
	finding := result.fail_service(rego.metadata.chain(), message, port.location, port.service)
}

# Definitions of services by more than one project on a host, keyed by
# [host, normalized service name]. Each definition's order sorts it by
# file, line, column and project index.
_definitions := {key: definitions |
	some key, definitions in groups.by_key([[[_host(project), normalized], {
		"order": array.concat(_position(service.location), [i]),
		"project": project.name,
		"service": service.name,
		"location": service.location,
	}] |
		some i, project in input.projects
		some service in project.services
		normalized := names.normalize(service.name)
	])
	count({definition.order[3] | some definition in definitions}) > 1
}

# A service that another project on the same host defined first.
deny contains finding if {
	some key, definitions in _definitions
	some later in definitions

	# A file that several projects merge gives each of them a definition at
	# the same location, which is one definition written once, not two.
	earlier := {definition |
		some definition in definitions
		definition.order < later.order
		definition.order[3] != later.order[3]
		array.slice(definition.order, 0, 3) != array.slice(later.order, 0, 3)
	}
	first_order := min({definition.order | some definition in earlier})
	some first in earlier
	first.order == first_order

	message := sprintf(
		"Service %q of project %q is also defined as %q by project %q at %s:%d, and both projects run on host %q, so two containers take the same role. Remove one of the definitions, or rename one service if they do different work.",
		[later.service, later.project, first.service, first.project, first.location.file, first.location.line, key[0]],
	)
	finding := result.fail_service(rego.metadata.chain(), message, later.location, later.service)
}

# Returns [file, line, column] of a location, with "" and 0 for what it
# leaves out, so that every port and service has a sort key.
_position(location) := [
	object.get(location, "file", ""),
	object.get(location, "line", 0),
	object.get(location, "column", 0),
] if {
	is_object(location)
} else := ["", 0, 0]

_has_unresolved(entry) if {
	some _ in entry.unresolved
}

_host(project) := project.host if {
	is_string(project.host)
	project.host != ""
} else := project.name

_protocol(entry) := lower(entry.protocol) if {
	is_string(entry.protocol)
	entry.protocol != ""
} else := "tcp"

# Host addresses compare without brackets and in lower case. An empty
# address binds all interfaces.
_address(host_ip) := lower(trim(host_ip, "[]")) if is_string(host_ip)

_address(host_ip) := "" if not is_string(host_ip)

# NOTE: IPv6 addresses compare as written, so ::1 and 0:0:0:0:0:0:0:1 are
# treated as different addresses.
_family(address) := 6 if contains(address, ":")

_family(address) := 4 if {
	address != ""
	not contains(address, ":")
}

_addresses_overlap(a, b) if a == b

_addresses_overlap(a, _) if a == ""

_addresses_overlap(_, b) if b == ""

_addresses_overlap(a, b) if {
	a == "0.0.0.0"
	_family(b) == 4
}

_addresses_overlap(a, b) if {
	b == "0.0.0.0"
	_family(a) == 4
}

_addresses_overlap(a, b) if {
	a == "::"
	_family(b) == 6
}

_addresses_overlap(a, b) if {
	b == "::"
	_family(a) == 6
}

# Returns the host ports that both ports publish, as 8080 or 8000-8010.
_overlap(a, b) := format_int(start, 10) if {
	start := max([a.start, b.start])
	start == min([a.end, b.end])
} else := sprintf("%d-%d", [max([a.start, b.start]), min([a.end, b.end])])

_endpoint(address, ports, protocol) := sprintf("%s/%s", [ports, protocol]) if {
	address == ""
} else := sprintf("[%s]:%s/%s", [address, ports, protocol]) if {
	_family(address) == 6
} else := sprintf("%s:%s/%s", [address, ports, protocol])

_describe_owner(owner, port) := sprintf("service %q", [owner.service]) if {
	owner.project == port.project
} else := sprintf("service %q of project %q", [owner.service, owner.project])
