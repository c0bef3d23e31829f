package berth.lib.image_families_test

import data.berth.lib.image_families

_families := [
	{"name": "family-cpu-pydeps", "gpu": false, "image": "registry.local/ml/cpu-base:2.1"},
	{"name": "family-cuda", "gpu": true, "image": ""},
	{"name": "family-vision-cu121", "gpu": true},
]

test_matching_by_image_repository if {
	image_families.matching("registry.local/ml/cpu-base", _families) == {_families[0]}
}

test_matching_ignores_case if {
	image_families.matching("Registry.Local/ML/CPU-Base", _families) == {_families[0]}
}

test_matching_family_name_without_image if {
	image_families.matching("registry.local/family-cuda", _families) == {_families[1]}
	image_families.matching("family-vision-cu121", _families) == {_families[2]}
}

test_matching_family_name_ignored_when_image_set if {
	image_families.matching("registry.local/family-cpu-pydeps", _families) == set()
}

test_matching_unrelated_repository if {
	image_families.matching("python", _families) == set()
}

test_last_path_part if {
	image_families.last_path_part("registry.local:5000/team/postgres") == "postgres"
	image_families.last_path_part("redis") == "redis"
}
