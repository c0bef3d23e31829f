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
package berth.rules.healthcheck

import data.berth.lib.config
import data.berth.lib.dockerfile_stages
import data.berth.lib.names
import data.berth.lib.result

_params := config.params(rego.metadata.chain())

deny contains finding if {
	some project in input.projects
	some service in project.services
	not _exempt(service, _params.exempt_services)
	some problem in _problems(service, object.get(input, "dockerfiles", {}), _params.path)
	finding := result.fail_service(rego.metadata.chain(), problem.message, problem.location, service.name)
}

# One-shot jobs exit when done, so a healthcheck has nothing to watch. A
# restart policy of "no" or "on-failure[:N]" marks them, but only when the
# Compose file sets it.
_exempt(service, exempt_services) if names.listed(service.name, exempt_services)

_exempt(service, _) if _restart(service) == "no"

_exempt(service, _) if startswith(_restart(service), "on-failure")

_restart(service) := service.restart.value if is_string(service.restart.value)

# Each function below that returns problems is one else chain, so it has
# exactly one value for a service and OPA never sees two bodies disagree.
_problems(service, dockerfiles, path) := _check_problems(service.name, check, path) if {
	check := _healthcheck(service, dockerfiles)
} else := {_missing(service, path)}

# A Compose healthcheck section without a test keeps the test of the image,
# so its message differs from a service with no healthcheck at all.
_missing(service, path) := {
	"location": service.healthcheck.location,
	"message": sprintf(
		"The healthcheck of service %q has no test, and berth found no HEALTHCHECK in its Dockerfile to inherit. Add a test that requests %s.",
		[service.name, path],
	),
} if {
	is_object(service.healthcheck)
} else := {
	"location": service.location,
	"message": sprintf(
		"Service %q has no healthcheck. Add one whose test requests %s, in the Compose file or as a HEALTHCHECK in its Dockerfile.",
		[service.name, path],
	),
}

_check_problems(name, check, path) := {{
	"location": _disabling_location(check),
	"message": sprintf(
		"Service %q disables its healthcheck, so Docker never notices when it stops serving. Remove %s and add a test that requests %s.",
		[name, _disabling_setting(check), path],
	),
}} if {
	_disabled(check.healthcheck)
} else := set() if {
	_probes(check.healthcheck, path)
} else := {{
	"location": check.test_location,
	"message": sprintf(
		"The healthcheck of service %q does not request %s. Change its test to probe that path, for example with curl -fsS http://localhost:<port>%s.",
		[name, path, path],
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

_probes(healthcheck, path) if {
	some element in healthcheck.test
	is_string(element)
	contains(element, path)
}
