package berth.lib.images_test

import data.berth.lib.images

test_repository_strips_tag if {
	images.repository("tecnativa/docker-socket-proxy:0.3.0") == "tecnativa/docker-socket-proxy"
}

test_repository_strips_digest if {
	images.repository("nginx:1.27@sha256:0123abcd") == "nginx"
}

test_repository_keeps_registry_port if {
	images.repository("registry.local:5000/team/app:2.1") == "registry.local:5000/team/app"
}

test_repository_registry_port_without_tag if {
	images.repository("registry.local:5000/team/app") == "registry.local:5000/team/app"
}

test_repository_drops_docker_hub_prefixes if {
	images.repository("docker.io/library/Python:3.12") == "python"
	images.repository("index.docker.io/tecnativa/docker-socket-proxy") == "tecnativa/docker-socket-proxy"
}

test_repository_keeps_other_registries if {
	images.repository("ghcr.io/tecnativa/docker-socket-proxy:latest") == "ghcr.io/tecnativa/docker-socket-proxy"
}

test_same_repository_ignores_tag if {
	images.same_repository("lscr.io/linuxserver/socket-proxy:1.26", "lscr.io/linuxserver/socket-proxy")
}

test_same_repository_different_names if {
	not images.same_repository("tecnativa/docker-socket-proxy", "ghcr.io/tecnativa/docker-socket-proxy")
}

test_repository_of_non_string_undefined if {
	not images.repository(null)
	not images.same_repository(null, "nginx")
}

test_listed_matches_any_entry if {
	images.listed("docker.io/library/nginx:1.27", ["redis", "nginx@sha256:0123"])
}

test_listed_skips_entries_that_are_not_strings if {
	not images.listed("nginx", [1, null, "redis"])
	not images.listed(null, ["nginx"])
}
