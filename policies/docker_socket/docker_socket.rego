# METADATA
# title: Docker socket mounted into a service
# description: Services must not reach the Docker socket, except a socket proxy that mounts it read-only.
# related_resources:
#   - description: Rule documentation
#     ref: https://github.com/berth-policy/berth/blob/main/docs/rules/C-6.md
# custom:
#   id: C-6
#   name: docker-socket
#   priority: P0
#   tags:
#     - security
#   security_severity: "9.0"
#   params:
#     socket_paths:
#       - /var/run/docker.sock
#       - /run/docker.sock
#     proxy_services:
#       - docker-proxy
#       - docker-socket-proxy
#     proxy_images:
#       - tecnativa/docker-socket-proxy
#       - ghcr.io/tecnativa/docker-socket-proxy
#       - linuxserver/socket-proxy
#       - lscr.io/linuxserver/socket-proxy
package berth.rules.docker_socket

import data.berth.lib.config
import data.berth.lib.images
import data.berth.lib.names
import data.berth.lib.result

_params := config.params(rego.metadata.chain())

# A service that is not a proxy mounts the socket.
deny contains finding if {
	some project in input.projects
	some service in project.services
	not _proxy(service, _params)
	some volume in service.volumes
	_socket_path(volume.source, _params.socket_paths)

	message := sprintf(
		"Service %q mounts the Docker socket %s, which gives it control of the Docker daemon and root access to the host. Remove the mount and let the service reach Docker through a socket proxy such as tecnativa/docker-socket-proxy.",
		[service.name, volume.source],
	)
	finding := result.fail_service(rego.metadata.chain(), message, volume.location, service.name)
}

# A proxy mounts the socket read-write.
deny contains finding if {
	some project in input.projects
	some service in project.services
	_proxy(service, _params)
	some volume in service.volumes
	_socket_path(volume.source, _params.socket_paths)
	not volume.read_only

	message := sprintf(
		"Socket proxy %q mounts the Docker socket %s read-write. Add :ro to the mount (or read_only: true in the long syntax) so the proxy cannot replace or remove the socket file.",
		[service.name, volume.source],
	)
	finding := result.fail_service(rego.metadata.chain(), message, volume.location, service.name)
}

# A service that is not a proxy talks to the socket through DOCKER_HOST.
deny contains finding if {
	some project in input.projects
	some service in project.services
	not _proxy(service, _params)
	some env in service.environment
	env.name == "DOCKER_HOST"
	is_string(env.value)
	startswith(env.value, "unix://")

	message := sprintf(
		"Service %q sets DOCKER_HOST to the Docker socket %s. Point DOCKER_HOST at a socket proxy instead, such as tcp://docker-proxy:2375.",
		[service.name, env.value],
	)
	finding := result.fail_service(rego.metadata.chain(), message, env.location, service.name)
}

# A service that is not a proxy inherits the socket mount of another
# service, directly or through a chain, with volumes_from.
deny contains finding if {
	some i, project in input.projects
	some service in project.services
	not _proxy(service, _params)
	some link in service.volumes_from
	holders := _socket_holders[i] & graph.reachable(_volumes_from_graph[i], {link.service})
	count(holders) > 0

	message := sprintf(
		"Service %q takes the volumes of %q with volumes_from, which include the Docker socket mounted by %s. Remove the volumes_from entry or reach Docker through a socket proxy.",
		[service.name, link.service, concat(", ", [sprintf("%q", [name]) | some name in holders])],
	)
	finding := result.fail_service(rego.metadata.chain(), message, link.location, service.name)
}

# Names of the services of project i that mount the socket.
_socket_holders[i] := {service.name |
	some service in project.services
	some volume in service.volumes
	_socket_path(volume.source, _params.socket_paths)
} if {
	some i, project in input.projects
}

# Edges from each service of project i to the services it takes volumes from.
_volumes_from_graph[i] := {service.name: {link.service | some link in service.volumes_from} |
	some service in project.services
} if {
	some i, project in input.projects
}

# Bind sources may have been made absolute or prefixed by the loader, as in
# /host/var/run/docker.sock, so a path that ends with a socket path matches.
_socket_path(source, socket_paths) if {
	is_string(source)
	some path in socket_paths
	endswith(source, path)
}

_proxy(service, params) if names.listed(service.name, params.proxy_services)

_proxy(service, params) if images.listed(service.image.value, params.proxy_images)
