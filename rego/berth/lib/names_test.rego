package berth.lib.names_test

import data.berth.lib.names

test_normalize_drops_separators_and_case if {
	names.normalize("Service_Registry-v2.1") == "serviceregistryv21"
}

test_listed_ignores_separators if {
	names.listed("service-registry", ["ServiceRegistry"])
	names.listed("service_registry", ["audio", "service.registry"])
}

test_listed_skips_entries_that_are_not_strings if {
	not names.listed("audio", [1, null, "video"])
	not names.listed(7, ["7"])
}

test_normalized_builds_a_set if {
	names.normalized(["Audio-In", "audio_in", "Video"]) == {"audioin", "video"}
}

test_listed_of_empty_or_missing_list_is_undefined if {
	not names.listed("audio", [])
	not names.listed("audio", null)
	not names.listed("audio", set())
}
