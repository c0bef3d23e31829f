package berth.rules.docker_socket_test

import data.berth.rules.docker_socket as rule

_loc(line, column) := {"file": "compose.yaml", "line": line, "column": column}

_input(services) := {"projects": [{"name": "app", "host": "app", "services": services}]}

_service(name, line, fields) := object.union({"name": name, "location": _loc(line, 3)}, fields)

_bind(source, read_only, line) := {
	"type": "bind",
	"source": source,
	"target": "/var/run/docker.sock",
	"read_only": read_only,
	"location": _loc(line, 9),
}

_env(name, value, line) := {"name": name, "value": value, "source": "environment", "location": _loc(line, 9)}

_finding(service, message, location) := {"rule": "C-6", "msg": message, "location": location, "service": service}

_mount_message(service, source) := sprintf(
	"Service %q mounts the Docker socket %s, which gives it control of the Docker daemon and root access to the host. Remove the mount and let the service reach Docker through a socket proxy such as tecnativa/docker-socket-proxy.",
	[service, source],
)

_proxy_message(service, source) := sprintf(
	"Socket proxy %q mounts the Docker socket %s read-write. Add :ro to the mount (or read_only: true in the long syntax) so the proxy cannot replace or remove the socket file.",
	[service, source],
)

test_fail_service_mounts_socket_read_write if {
	services := [_service("ci-runner", 2, {"volumes": [
		{"type": "volume", "source": "cache", "target": "/cache", "location": _loc(4, 9)},
		_bind("/var/run/docker.sock", false, 5),
	]})]

	rule.deny == {_finding("ci-runner", _mount_message("ci-runner", "/var/run/docker.sock"), _loc(5, 9))} with input as _input(services)
}

test_fail_service_mounts_socket_read_only if {
	services := [_service("watchtower", 2, {"volumes": [_bind("/run/docker.sock", true, 4)]})]

	rule.deny == {_finding("watchtower", _mount_message("watchtower", "/run/docker.sock"), _loc(4, 9))} with input as _input(services)
}

test_fail_absolute_prefix_before_socket_path if {
	services := [_service("agent", 2, {"volumes": [_bind("/host/var/run/docker.sock", false, 4)]})]

	rule.deny == {_finding("agent", _mount_message("agent", "/host/var/run/docker.sock"), _loc(4, 9))} with input as _input(services)
}

test_fail_docker_host_unix_socket if {
	services := [_service("builder", 2, {"environment": [
		_env("LOG_LEVEL", "debug", 4),
		_env("DOCKER_HOST", "unix:///var/run/docker.sock", 5),
	]})]

	message := `Service "builder" sets DOCKER_HOST to the Docker socket unix:///var/run/docker.sock. Point DOCKER_HOST at a socket proxy instead, such as tcp://docker-proxy:2375.`
	rule.deny == {_finding("builder", message, _loc(5, 9))} with input as _input(services)
}

test_fail_proxy_by_name_read_write if {
	services := [_service("Docker_Proxy", 2, {
		"image": {"value": "registry.local/socket-proxy:1", "location": _loc(3, 12)},
		"volumes": [_bind("/var/run/docker.sock", false, 5)],
	})]

	rule.deny == {_finding("Docker_Proxy", _proxy_message("Docker_Proxy", "/var/run/docker.sock"), _loc(5, 9))} with input as _input(services)
}

test_fail_proxy_by_image_read_write if {
	services := [_service("dockerapi", 2, {
		"image": {"value": "docker.io/tecnativa/docker-socket-proxy:0.3.0", "location": _loc(3, 12)},
		"volumes": [_bind("/var/run/docker.sock", false, 5)],
	})]

	rule.deny == {_finding("dockerapi", _proxy_message("dockerapi", "/var/run/docker.sock"), _loc(5, 9))} with input as _input(services)
}

test_fail_socket_through_volumes_from_chain if {
	services := [
		_service("docker-proxy", 2, {"volumes": [_bind("/var/run/docker.sock", true, 4)]}),
		_service("sidecar", 6, {"volumes_from": [{"service": "docker-proxy", "known": true, "location": _loc(8, 9)}]}),
		_service("web", 10, {"volumes_from": [{"service": "sidecar", "known": true, "location": _loc(12, 9)}]}),
	]

	rule.deny == {
		_finding(
			"sidecar",
			`Service "sidecar" takes the volumes of "docker-proxy" with volumes_from, which include the Docker socket mounted by "docker-proxy". Remove the volumes_from entry or reach Docker through a socket proxy.`,
			_loc(8, 9),
		),
		_finding(
			"web",
			`Service "web" takes the volumes of "sidecar" with volumes_from, which include the Docker socket mounted by "docker-proxy". Remove the volumes_from entry or reach Docker through a socket proxy.`,
			_loc(12, 9),
		),
	} with input as _input(services)
}

test_fail_custom_socket_path if {
	services := [_service("agent", 2, {"volumes": [_bind("/run/user/1000/docker.sock", false, 4)]})]
	params := {"socket_paths": ["/run/user/1000/docker.sock"]}

	rule.deny == {_finding("agent", _mount_message("agent", "/run/user/1000/docker.sock"), _loc(4, 9))} with input as object.union(
		_input(services),
		{"backlog": {"items": {"C-6": {"params": params}}}},
	)
}

test_fail_custom_proxy_list_replaces_defaults if {
	services := [_service("docker-proxy", 2, {"volumes": [_bind("/var/run/docker.sock", true, 4)]})]
	params := {"proxy_services": ["sockguard"], "proxy_images": []}

	rule.deny == {_finding("docker-proxy", _mount_message("docker-proxy", "/var/run/docker.sock"), _loc(4, 9))} with input as object.union(
		_input(services),
		{"backlog": {"items": {"C-6": {"params": params}}}},
	)
}

test_success_proxy_mounts_socket_read_only if {
	services := [
		_service("docker-socket-proxy", 2, {"volumes": [_bind("/var/run/docker.sock", true, 4)]}),
		_service("socketproxy", 6, {
			"image": {"value": "lscr.io/linuxserver/socket-proxy@sha256:0123abcd", "location": _loc(7, 12)},
			"volumes": [_bind("/run/docker.sock", true, 9)],
		}),
		_service("traefik", 11, {"environment": [_env("DOCKER_HOST", "tcp://docker-proxy:2375", 13)]}),
	]

	rule.deny == set() with input as _input(services)
}

test_success_custom_proxy_service if {
	services := [_service("sockguard", 2, {"volumes": [_bind("/var/run/docker.sock", true, 4)]})]
	params := {"proxy_services": ["sockguard"]}

	rule.deny == set() with input as object.union(
		_input(services),
		{"backlog": {"items": {"C-6": {"params": params}}}},
	)
}

test_success_unrelated_mounts_and_environment if {
	services := [
		_service("web", 2, {
			"volumes": [
				_bind("./docker.sock.d", false, 4),
				{"type": "volume", "source": "docker", "target": "/var/lib/docker", "location": _loc(5, 9)},
			],
			"environment": [
				_env("DOCKER_HOST", null, 7),
				_env("DOCKER_SOCKET", "unix:///var/run/docker.sock", 8),
			],
			"volumes_from": [{"service": "data", "known": true, "location": _loc(10, 9)}],
		}),
		_service("data", 12, {"volumes": [{"type": "volume", "source": "data", "target": "/data", "location": _loc(14, 9)}]}),
		_service("worker", 16, {}),
	]

	rule.deny == set() with input as _input(services)
}

test_success_no_projects if {
	rule.deny == set() with input as {"projects": []}
}

test_success_null_lists if {
	services := [_service("web", 2, {"volumes": null, "environment": null, "volumes_from": null})]

	rule.deny == set() with input as _input(services)
}

test_fail_null_service_fields if {
	services := [
		_service("agent", 2, {
			"image": {"value": null, "location": _loc(3, 12)},
			"profiles": null,
			"labels": null,
			"build": null,
			"user": null,
			"volumes": [
				{"type": "volume", "source": null, "target": "/data", "location": _loc(4, 9)},
				_bind("/var/run/docker.sock", false, 5),
			],
			"environment": [_env("DOCKER_HOST", null, 6)],
		}),
		_service("web", 8, {"image": null, "environment": null, "volumes_from": null}),
	]
	doc := object.union(_input(services), {"backlog": {"items": {"C-6": {"params": null}}}})

	rule.deny == {_finding("agent", _mount_message("agent", "/var/run/docker.sock"), _loc(5, 9))} with input as doc
}
