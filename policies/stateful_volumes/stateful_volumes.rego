# METADATA
# title: Stateful service without persistent storage
# description: Stateful services must keep their data on a named volume or bind mount, and every named volume must be declared at the top level.
# related_resources:
#   - description: Rule documentation
#     ref: https://github.com/berth-policy/berth/blob/main/docs/rules/C-7.md
# custom:
#   id: C-7
#   name: stateful-volumes
#   priority: P1
#   tags:
#     - storage
#   params:
#     services: []
#     stateful_images:
#       - postgres
#       - postgis
#       - mysql
#       - mariadb
#       - mongo
#       - redis
#       - valkey
#       - keydb
#       - elasticsearch
#       - opensearch
#       - qdrant
#       - weaviate
#       - milvus
#       - chroma
#       - minio
#       - rabbitmq
#       - etcd
#       - zookeeper
#       - kafka
#       - clickhouse
#       - influxdb
#       - cassandra
#       - neo4j
#       - couchdb
#     data_paths:
#       postgres: /var/lib/postgresql/data
#       postgis: /var/lib/postgresql/data
#       mysql: /var/lib/mysql
#       mariadb: /var/lib/mysql
#       mongo: /data/db
#       redis: /data
#       valkey: /data
#       keydb: /data
#       elasticsearch: /usr/share/elasticsearch/data
#       opensearch: /usr/share/opensearch/data
#       qdrant: /qdrant/storage
#       weaviate: /var/lib/weaviate
#       milvus: /var/lib/milvus
#       minio: /data
#       rabbitmq: /var/lib/rabbitmq
#       etcd: /etcd-data
#       zookeeper: /data
#       clickhouse: /var/lib/clickhouse
#       influxdb: /var/lib/influxdb2
#       cassandra: /var/lib/cassandra
#       neo4j: /data
#       couchdb: /opt/couchdb/data
package berth.rules.stateful_volumes

import data.berth.lib.config
import data.berth.lib.dockerfile_stages
import data.berth.lib.image_families
import data.berth.lib.images
import data.berth.lib.names
import data.berth.lib.result

_params := config.params(rego.metadata.chain())

# A stateful service with a known data path mounts nothing there.
deny contains finding if {
	some project in input.projects
	some service in project.services
	_stateful(service)
	path := _data_path(service)
	not _persisted(service, path)

	message := sprintf(
		"Service %q is stateful but mounts no named volume or bind mount at %s, so its data is lost when the container is recreated. Mount a named volume at %s or at a parent directory.",
		[service.name, path, path],
	)
	finding := result.fail_service(rego.metadata.chain(), message, service.location, service.name)
}

# A stateful service whose data path is unknown mounts nothing at all. This
# covers services listed by name and images without an entry in data_paths,
# such as chroma and kafka, whose data directory differs between image
# flavours and versions.
deny contains finding if {
	some project in input.projects
	some service in project.services
	_stateful(service)
	not _data_path(service)
	not _persisted(service, "")

	message := sprintf(
		"Service %q is stateful but mounts no named volume or bind mount, so its data is lost when the container is recreated. Mount a named volume at the directory where it keeps its data.",
		[service.name],
	)
	finding := result.fail_service(rego.metadata.chain(), message, service.location, service.name)
}

# A named volume is used but not declared at the top level.
deny contains finding if {
	some i, project in input.projects
	some service in project.services
	some volume in service.volumes
	_named_volume(volume)
	not volume.source in _declared_volumes[i]

	message := sprintf(
		"Service %q uses named volume %q, which the top-level volumes: section does not declare. Declare %q under volumes: at the top level of the Compose file.",
		[service.name, volume.source, volume.source],
	)
	finding := result.fail_service(rego.metadata.chain(), message, volume.location, service.name)
}

# Names of the top-level volumes of each project, keyed by project index.
_declared_volumes := {i: {volume.name | some volume in object.get(project, "volumes", [])} |
	some i, project in input.projects
}

# A label berth.stateful=false opts a service out, such as a redis used only
# as a cache. The label wins over the image and the services list.
_stateful(service) if {
	not _label(service, "berth.stateful", "false")
	_stateful_reason(service)
}

_stateful_reason(service) if names.listed(service.name, _params.services)

_stateful_reason(service) if _label(service, "berth.stateful", "true")

_stateful_reason(service) if _stateful_image(service)

_stateful_image(service) if {
	some repository in _repositories(service)
	image_families.last_path_part(repository) in _params.stateful_images
}

_label(service, name, value) if {
	some label in service.labels
	label.name == name
	is_string(label.value)
	lower(trim_space(label.value)) == value
}

# Repositories that the service's container runs, in order: its image and,
# when it builds, the image that its running stage starts from, as in
# FROM postgres:16 with extensions added.
_repositories(service) := array.concat(
	[images.repository(service.image.value) | service.image],
	[images.repository(base.base.image) |
		dockerfile := input.dockerfiles[service.build.dockerfile]
		stage := dockerfile_stages.running_stage(dockerfile, service.build)
		base := dockerfile_stages.image_stage(dockerfile.stages, stage.index)
		base.base.image != ""
	],
)

# The data path of the first repository that has one, looked up by the
# full repository (such as bitnami/postgresql) before its last path part.
# An empty path in the backlog removes a default, because backlog params
# are merged into the defaults key by key.
_data_path(service) := [path |
	some repository in _repositories(service)
	some key in [repository, image_families.last_path_part(repository)]
	path := _params.data_paths[key]
	path != ""
][0]

# path "" stands for an unknown data path, which any persistent mount
# satisfies.
_persisted(service, path) if {
	some volume in service.volumes
	_persistent(volume)
	_covers(volume.target, path)
}

_persistent(volume) if {
	volume.type == "volume"
	is_string(volume.source)
	volume.source != ""
}

_persistent(volume) if volume.type == "bind"

_covers(_, "")

_covers(target, path) if _trim_slash(target) == _trim_slash(path)

_covers(target, path) if startswith(_trim_slash(path), concat("", [_trim_slash(target), "/"]))

_trim_slash(path) := trim_right(path, "/") if is_string(path)

# A named volume, as opposed to a bind mount written as a path or an
# anonymous volume without a source.
_named_volume(volume) if {
	volume.type == "volume"
	is_string(volume.source)
	volume.source != ""
	not startswith(volume.source, "/")
	not startswith(volume.source, ".")
}
