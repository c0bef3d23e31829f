# Compose services must not bind-mount the Docker socket. Written in
# conftest's conventions for berth's benchmarks; berth's own rule is C-6.
package main

deny contains msg if {
	some name, service in input.services
	some volume in service.volumes
	source := _volume_source(volume)
	endswith(source, "docker.sock")

	msg := sprintf("docker-socket: service %q mounts the Docker socket %s", [name, source])
}

# The short syntax is SOURCE:TARGET[:MODE], and the long syntax is a mapping.
_volume_source(volume) := split(volume, ":")[0] if is_string(volume)

_volume_source(volume) := volume.source if is_object(volume)
