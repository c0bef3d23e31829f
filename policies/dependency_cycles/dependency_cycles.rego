# METADATA
# title: Services depend on each other in a cycle
# description: Services of one Compose project must not depend on each other in a cycle, and every service they reference must exist.
# related_resources:
#   - description: Rule documentation
#     ref: https://github.com/berth-policy/berth/blob/main/docs/rules/C-12.md
# custom:
#   id: C-12
#   name: dependency-cycles
#   priority: P0
#   tags:
#     - dependencies
#   params: {}
package berth.rules.dependency_cycles

import data.berth.lib.cycles
import data.berth.lib.result

# Listing elementary cycles costs about the number of simple paths among the
# services on cycles, times their number, so beyond these limits the rule
# reports each service on a cycle instead.
# NOTE: the limits are estimates. Rings of 100 services with chords that
# reach the path bound took under half a second in opa eval 1.22.4, but
# other shapes at the limits were not measured.
_max_listed_services := 100

_max_path_bound := 4096

# A cycle of services, reported at the first edge that leaves its smallest
# service.
deny contains finding if {
	some i, project in input.projects
	edges := _edges[i]
	cycle_graph := _cycle_graph[i]
	_listable(cycle_graph)
	some cycle in cycles.elementary(cycle_graph)

	size := count(cycle)
	hops := [[cycle[k], cycle[(k + 1) % size]] | some k in numbers.range(0, size - 1)]
	path := concat(" -> ", array.concat(cycle, [cycle[0]]))
	reasons := concat(", and ", [_hop_reason(edges[hop[0]], hop[0], hop[1]) | some hop in hops])

	message := sprintf(
		"Services of project %q form a dependency cycle %s, because %s. Docker Compose rejects a cycle of depends_on, links, volumes_from and network_mode references, and services that call each other at startup cannot start or restart on their own. Remove one of these references, for example by moving the shared state into another service.",
		[project.name, path, reasons],
	)
	location := _first_location([edge | some edge in edges[cycle[0]]; edge.to == hops[0][1]])
	finding := result.fail_service(rego.metadata.chain(), message, location, cycle[0])
}

# A service on a cycle of a project with too many cycles to list.
deny contains finding if {
	some i, project in input.projects
	cycle_graph := _cycle_graph[i]
	not _listable(cycle_graph)
	some name, successors in cycle_graph
	location := _first_location([edge | some edge in _edges[i][name]; edge.to in successors])

	message := sprintf(
		"Service %q is on one of the dependency cycles among %d services of project %q, which are too many to list one by one. It references %s, each also on a cycle. Remove references until no service depends on itself through others.",
		[name, count(cycle_graph), project.name, _list(successors)],
	)
	finding := result.fail_service(rego.metadata.chain(), message, location, name)
}

# A depends_on or links entry names a service that the project lacks.
deny contains finding if {
	some project in input.projects
	some service in project.services
	some field in ["depends_on", "links"]
	some link in object.get(service, field, [])
	link.known == false

	message := sprintf(
		"Service %q lists %q in %s, but project %q has no service of that name. Docker Compose rejects the project until the entry names an existing service or is removed.",
		[service.name, link.service, field, project.name],
	)
	finding := result.fail_service(rego.metadata.chain(), message, link.location, service.name)
}

# The references that leave each service of project i, keyed by service
# name. Each is an object with the target service (to), the kind of
# reference, the environment variable for URLs, and the location.
_edges[i] := edges if {
	some i, project in input.projects
	names := _names(project)
	edges := {service.name: _outgoing(service, names) | some service in project.services}
}

# Successors of each service of project i, in the form graph.reachable reads.
_graph[i] := {name: {edge.to | some edge in edges} |
	some name, edges in project_edges
} if {
	some i, project_edges in _edges
}

# The services of project i that lie on cycles, with the edges between them.
_cycle_graph[i] := cycles.cycle_graph(graph) if {
	some i, graph in _graph
}

_listable(cycle_graph) if {
	count(cycle_graph) <= _max_listed_services
	cycles.path_bound(cycle_graph) <= _max_path_bound
}

_list(names) := concat(", ", sort(names))

# Maps the lower-case name of each service to its name, so that host names
# in URLs, which DNS compares ignoring case, find their service.
_names(project) := {lower(service.name): service.name | some service in project.services}

_outgoing(service, names) := edges if {
	links := (_links(service, "depends_on") | _links(service, "links")) | _links(service, "volumes_from")
	edges := (links | _network_mode(service, names)) | _environment_urls(service, names)
}

_links(service, field) := {edge |
	some link in object.get(service, field, [])
	link.known == true
	edge := {"to": link.service, "kind": field, "variable": "", "location": link.location}
}

_network_mode(service, names) := {edge |
	mode := service.network_mode.value
	startswith(mode, "service:")
	target := substring(mode, count("service:"), -1)
	names[lower(target)] == target
	edge := {"to": target, "kind": "network_mode", "variable": "", "location": service.network_mode.location}
}

# A URL's host is the part after :// and any user:password@, ending at a
# port, path, query, fragment, comma, space or the end of the value.
_url_host_pattern := `://(?:[^/@\s]*@)?([A-Za-z0-9._-]+)(?:[:/?#,\s]|$)`

# A service that names its own URL, such as a public base URL, does not wait
# for itself, so self-references through the environment are not edges.
_environment_urls(service, names) := {edge |
	some env in object.get(service, "environment", [])
	is_string(env.value)
	some match in regex.find_all_string_submatch_n(_url_host_pattern, env.value, -1)
	target := names[lower(match[1])]
	target != service.name
	edge := {"to": target, "kind": "environment", "variable": env.name, "location": env.location}
}

# Describes every reference from one service to the next one in the cycle.
_hop_reason(edges, from, to) := sprintf("%s %s", [from, concat(" and ", sort({_edge_reason(edge) |
	some edge in edges
	edge.to == to
}))])

_edge_reason(edge) := sprintf("lists %s in %s", [edge.to, edge.kind]) if {
	edge.kind in {"depends_on", "links"}
} else := sprintf("takes the volumes of %s with volumes_from", [edge.to]) if {
	edge.kind == "volumes_from"
} else := sprintf("shares the network stack of %s with network_mode", [edge.to]) if {
	edge.kind == "network_mode"
} else := sprintf("sets %s to a URL of %s", [edge.variable, edge.to])

# Returns the location that comes first in file, line and column order.
_first_location(edges) := sort([key |
	some edge in edges
	location := edge.location
	key := [
		object.get(location, "file", ""),
		object.get(location, "line", 0),
		object.get(location, "column", 0),
		location,
	]
])[0][3]
