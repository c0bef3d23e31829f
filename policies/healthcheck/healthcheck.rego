# METADATA
# title: Healthcheck probes the health path
# description: Every long-running service must have a healthcheck that probes the health path.
# related_resources:
#   - description: Rule documentation
#     ref: https://github.com/berth-policy/berth/blob/main/docs/rules/C-9.md
# custom:
#   id: C-9
#   name: healthcheck
#   priority: P1
#   tags:
#     - reliability
#   params:
#     path: /health
#     exempt_services: []
#     non_http_images:
#       - postgres
#       - postgis
#       - mysql
#       - mariadb
#       - mongo
#       - redis
#       - valkey
#       - keydb
#       - memcached
#       - rabbitmq
#       - elasticsearch
#       - opensearch
#       - etcd
#       - zookeeper
#       - kafka
#       - clickhouse
#       - influxdb
#       - cassandra
#       - neo4j
#       - couchdb
#       - minio
#       - qdrant
package berth.rules.healthcheck

import data.berth.lib.config
import data.berth.lib.dockerfile_stages
import data.berth.lib.image_families
import data.berth.lib.images
import data.berth.lib.names
import data.berth.lib.result

_params := config.params(rego.metadata.chain())

deny contains finding if {
	some project in input.projects
	some service in project.services
	not _exempt(service, _params.exempt_services)
	dockerfiles := object.get(input, "dockerfiles", {})
	probe := _probe(service, dockerfiles, _params)
	some problem in _problems(service, dockerfiles, probe)
	finding := result.fail_service(rego.metadata.chain(), problem.message, problem.location, service.name)
}

# One-shot jobs exit when done, so a healthcheck has nothing to watch. A
# restart policy of "no" or "on-failure[:N]" marks them, but only when the
# Compose file sets it.
_exempt(service, exempt_services) if names.listed(service.name, exempt_services)

_exempt(service, _) if _restart(service) == "no"

_exempt(service, _) if startswith(_restart(service), "on-failure")

_restart(service) := service.restart.value if is_string(service.restart.value)

# Returns what a healthcheck of service must test. Data stores and brokers
# whose image is listed in non_http_images cannot serve params.path, so any
# test counts for them, and the advice names a readiness command instead.
# Every other service must request params.path.
_probe(service, dockerfiles, params) := {
	"http": false,
	"advice": sprintf("checks whether %s is ready, such as %s", [image, _readiness_command(image)]),
} if {
	image := _non_http_image(service, dockerfiles, params.non_http_images)
} else := {
	"http": true,
	"path": params.path,
	"advice": sprintf("requests %s", [params.path]),
}

# Returns the last path part of the first repository that the service runs
# whose last path part is listed, such as postgres for postgres:16. Entries
# are compared in lower case, and entries that are not strings are skipped.
_non_http_image(service, dockerfiles, listed) := [part |
	some repository in _repositories(service, dockerfiles)
	part := image_families.last_path_part(repository)
	part in _lower_strings(listed)
][0]

# Cached for each list by OPA, so every service looks its images up in one
# set instead of scanning the list.
_lower_strings(list) := {lower(entry) | some entry in list; is_string(entry)}

# Repositories that the service's container runs, in order: its image and,
# when it builds, the image that its running stage starts from, as in
# FROM postgres:16 with extensions added.
_repositories(service, dockerfiles) := array.concat(
	[images.repository(service.image.value) | service.image],
	[images.repository(base.base.image) |
		dockerfile := dockerfiles[service.build.dockerfile]
		stage := dockerfile_stages.running_stage(dockerfile, service.build)
		base := dockerfile_stages.image_stage(dockerfile.stages, stage.index)
		base.base.image != ""
	],
)

# Readiness commands that the current official images ship. Other images
# get a general hint, because their clients differ between images and
# versions.
_readiness_commands := {
	"postgres": "pg_isready",
	"postgis": "pg_isready",
	"mysql": "mysqladmin ping",
	"mariadb": "mariadb-admin ping",
	"mongo": `mongosh --eval "db.adminCommand('ping')"`,
	"redis": "redis-cli ping",
	"valkey": "valkey-cli ping",
	"keydb": "keydb-cli ping",
	"rabbitmq": "rabbitmq-diagnostics -q ping",
}

_readiness_command(image) := command if {
	command := _readiness_commands[image]
} else := "a ping with the client that its image ships"

# Each function below that returns problems is one else chain, so it has
# exactly one value for a service and OPA never sees two bodies disagree.
_problems(service, dockerfiles, probe) := _check_problems(service.name, check, probe) if {
	check := _healthcheck(service, dockerfiles)
} else := {_missing(service, probe)}

# A Compose healthcheck section without a test keeps the test of the image,
# so its message differs from a service with no healthcheck at all.
_missing(service, probe) := {
	"location": service.healthcheck.location,
	"message": sprintf(
		"The healthcheck of service %q has no test, and berth found no HEALTHCHECK in its Dockerfile to inherit. Add a test that %s.",
		[service.name, probe.advice],
	),
} if {
	is_object(service.healthcheck)
} else := {
	"location": service.location,
	"message": sprintf(
		"Service %q has no healthcheck. Add one whose test %s, in the Compose file or as a HEALTHCHECK in its Dockerfile.",
		[service.name, probe.advice],
	),
}

_check_problems(name, check, probe) := {{
	"location": _disabling_location(check),
	"message": sprintf(
		"Service %q disables its healthcheck, so Docker never notices when it stops serving. Remove %s and add a test that %s.",
		[name, _disabling_setting(check), probe.advice],
	),
}} if {
	_disabled(check.healthcheck)
} else := set() if {
	_passes(check.healthcheck, probe)
} else := {{
	"location": check.test_location,
	"message": sprintf(
		"The healthcheck of service %q does not request %s. Change its test to probe that path, for example with curl -fsS http://localhost:<port>%s.",
		[name, probe.path, probe.path],
	),
}}

# Returns the healthcheck that Docker runs for service with where it was
# written. A Compose healthcheck with a test or disable overrides the
# image's, and its findings point at its test and disable keys, or at the
# healthcheck key when the input has no position for them. Without one,
# the HEALTHCHECK of the service's Dockerfile applies.
_healthcheck(service, dockerfiles) := {
	"source": "compose",
	"healthcheck": service.healthcheck,
	"test_location": _key_location(service.healthcheck, "test_location"),
	"disable_location": _key_location(service.healthcheck, "disable_location"),
} if {
	_compose_sets_test(service)
} else := {
	"source": "dockerfile",
	"healthcheck": _object_or_empty(object.get(instruction, "healthcheck", {})),
	"test_location": instruction.location,
	"disable_location": instruction.location,
} if {
	instruction := _dockerfile_healthcheck(service, dockerfiles)
}

_key_location(healthcheck, key) := healthcheck[key] if {
	is_object(healthcheck[key])
} else := healthcheck.location

_object_or_empty(value) := value if {
	is_object(value)
} else := {}

_compose_sets_test(service) if service.healthcheck.disable == true

_compose_sets_test(service) if {
	some _ in service.healthcheck.test
}

# Returns the HEALTHCHECK instruction in effect for the stage the service
# runs. The last HEALTHCHECK of a stage wins, and a stage without one
# inherits it from the stage it builds on.
# NOTE: a HEALTHCHECK inherited from an external base image is not visible
# to berth, so such a service is reported as having no healthcheck.
_dockerfile_healthcheck(service, dockerfiles) := [last |
	some stage in dockerfile_stages.lineage(dockerfile.stages, running.index)
	checks := [instruction |
		some instruction in stage.instructions
		instruction.command == "healthcheck"
	]
	count(checks) > 0
	last := checks[count(checks) - 1]
][0] if {
	dockerfile := dockerfiles[service.build.dockerfile]
	running := dockerfile_stages.running_stage(dockerfile, service.build)
}

_disabled(healthcheck) if healthcheck.disable == true

_disabled(healthcheck) if healthcheck.test == ["NONE"]

_disabling_location(check) := check.disable_location if {
	check.healthcheck.disable == true
} else := check.test_location

_disabling_setting(check) := "HEALTHCHECK NONE from the Dockerfile" if {
	check.source == "dockerfile"
} else := "disable: true" if {
	check.healthcheck.disable == true
} else := `test: ["NONE"]`

# A healthcheck that is not disabled passes when the service serves no HTTP,
# and otherwise when one element of its test contains the health path.
_passes(_, probe) if probe.http == false

_passes(healthcheck, probe) if {
	probe.http == true
	some element in healthcheck.test
	is_string(element)
	contains(element, probe.path)
}
