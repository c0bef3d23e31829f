package berth.lib.cycles_test

import data.berth.lib.cycles

test_elementary_two_node_cycle if {
	cycles.elementary({"b": {"a"}, "a": {"b", "c"}, "c": set()}) == {["a", "b"]}
}

test_elementary_self_loop if {
	cycles.elementary({"web": {"web"}, "db": set()}) == {["web"]}
}

test_elementary_starts_at_smallest_node if {
	cycles.elementary({"c": {"a"}, "a": {"b"}, "b": {"c"}}) == {["a", "b", "c"]}
}

test_elementary_shared_node_gives_each_cycle if {
	edges := {
		"a": {"b", "c"},
		"b": {"a"},
		"c": {"d"},
		"d": {"a", "b"},
	}

	cycles.elementary(edges) == {["a", "b"], ["a", "c", "d"], ["a", "c", "d", "b"]}
}

test_elementary_skips_successors_outside_edges if {
	cycles.elementary({"a": ["b", "missing"], "b": ["a"]}) == {["a", "b"]}
}

test_elementary_acyclic_graph if {
	cycles.elementary({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == set()
}

test_elementary_empty_graph if {
	cycles.elementary({}) == set()
}

test_on_cycle_excludes_nodes_that_only_reach_a_cycle if {
	cycles.on_cycle({"entry": {"a"}, "a": {"b"}, "b": {"a"}, "leaf": set()}) == {"a", "b"}
}

test_cycle_graph_drops_nodes_and_edges_off_cycles if {
	edges := {"entry": {"a"}, "a": {"b", "leaf"}, "b": {"a"}, "leaf": set()}

	cycles.cycle_graph(edges) == {"a": {"b"}, "b": {"a"}}
}

test_path_bound_multiplies_out_degrees if {
	cycles.path_bound({"hub": {"a", "b", "c"}, "a": {"hub"}, "b": {"hub", "c"}, "c": set()}) == 6
}

test_path_bound_empty_graph if {
	cycles.path_bound({}) == 1
}
