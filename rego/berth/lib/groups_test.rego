package berth.lib.groups_test

import data.berth.lib.groups

test_by_key_groups_values if {
	pairs := [[["h1", 80], "b"], [["h2", 80], "c"], [["h1", 80], "a"], [["h1", 443], "d"]]

	groups.by_key(pairs) == {
		["h1", 80]: ["a", "b"],
		["h1", 443]: ["d"],
		["h2", 80]: ["c"],
	}
}

test_by_key_keeps_duplicates if {
	groups.by_key([["k", 1], ["k", 1]]) == {"k": [1, 1]}
}

test_by_key_empty if {
	groups.by_key([]) == {}
}
