package berth.rules.python_version_test

import data.berth.rules.python_version as rule

_loc(file, line, column) := {"file": file, "line": line, "column": column}

_compose(line, column) := _loc("compose.yaml", line, column)

_file := "services/app/Dockerfile"

_input(dockerfiles, services) := {
	"projects": [{"name": "app", "host": "app", "services": services}],
	"dockerfiles": dockerfiles,
	"backlog": {"families": []},
}

_with_params(base, params) := object.union(base, {"backlog": {"items": {"C-5": {"params": params}}}})

# A stage whose FROM is on line 10 * (index + 1) and whose instructions
# follow on the next lines.
_stage(index, name, reference, base_stage, final, instructions) := {
	"index": index,
	"name": name,
	"final": final,
	"base": {
		"raw": reference,
		"reference": reference,
		"image": _image_part(reference, base_stage),
		"tag": _tag_part(reference),
		"stage": base_stage,
	},
	"location": _loc(_file, 10 * (index + 1), 1),
	"instructions": [object.union(instruction, {"location": _loc(_file, ((10 * (index + 1)) + i) + 1, 1)}) |
		some i, instruction in instructions
	],
}

_image_part(reference, -1) := split(reference, ":")[0]

_image_part(_, base_stage) := "" if base_stage >= 0

_tag_part(reference) := split(reference, ":")[1] if contains(reference, ":")

_tag_part(reference) := "" if not contains(reference, ":")

_user(value) := {"command": "user", "original": sprintf("USER %s", [value]), "args": [value]}

_run(script) := {"command": "run", "original": sprintf("RUN %s", [script]), "args": [script]}

_dockerfile(stages) := {_file: {"path": _file, "stages": stages}}

_service(name, line, fields) := object.union({"name": name, "location": _compose(line, 3)}, fields)

_builds(target) := {"build": {
	"context": "services/app",
	"dockerfile": _file,
	"dockerfile_exists": true,
	"target": target,
	"location": _compose(3, 5),
}}

_compose_user(value) := {"user": {"value": value, "location": _compose(8, 11)}}

_finding(message, location) := {"rule": "C-5", "msg": message, "location": location}

_old_base_message(stage_text, reference, version) := sprintf(
	"Dockerfile services/app/Dockerfile builds %s on %s, which ships Python %s. Move it to a base image with Python 3.11 or newer.",
	[stage_text, reference, version],
)

_no_user_message(stage_text) := sprintf(
	"Dockerfile services/app/Dockerfile runs %s as root because no USER instruction sets another user. Add USER with a non-root user, such as USER 10001, or set user: to a non-root user on every service that builds it.",
	[stage_text],
)

_root_user_message(stage_text, user) := sprintf(
	"Dockerfile services/app/Dockerfile runs %s as root because USER %s is its last USER instruction. Add a USER instruction with a non-root user after the steps that need root.",
	[stage_text, user],
)

test_fail_python_tag_below_minimum if {
	dockerfiles := _dockerfile([_stage(0, "", "python:3.10-slim", -1, true, [_user("app")])])

	rule.deny == {_finding(_old_base_message("its final stage", "python:3.10-slim", "3.10"), _loc(_file, 10, 1))} with input as _input(dockerfiles, [])
}

test_fail_old_python_in_build_stage if {
	dockerfiles := _dockerfile([
		_stage(0, "builder", "cimg/python:3.9.18", -1, false, [_run("pip wheel -r requirements.txt")]),
		_stage(1, "", "python:3.12-slim", -1, true, [_user("10001")]),
	])

	rule.deny == {_finding(_old_base_message(`stage "builder"`, "cimg/python:3.9.18", "3.9"), _loc(_file, 10, 1))} with input as _input(dockerfiles, [])
}

test_fail_python_marker_in_tag if {
	dockerfiles := _dockerfile([_stage(0, "runtime", "registry.local/ml/family-cpu-pydeps:py310-r2", -1, true, [_user("app")])])

	rule.deny == {_finding(
		_old_base_message(`its final stage "runtime"`, "registry.local/ml/family-cpu-pydeps:py310-r2", "3.10"),
		_loc(_file, 10, 1),
	)} with input as _input(dockerfiles, [])
}

test_fail_python_marker_in_family_name if {
	dockerfiles := _dockerfile([_stage(0, "", "registry.local/legacy-base:2", -1, true, [_user("app")])])
	families := [{"name": "family-python3.10", "gpu": false, "image": "registry.local/legacy-base:2"}]

	rule.deny == {_finding(
		_old_base_message("its final stage", "registry.local/legacy-base:2", "3.10"),
		_loc(_file, 10, 1),
	)} with input as object.union(_input(dockerfiles, []), {"backlog": {"families": families}})
}

test_fail_oldest_version_reported if {
	dockerfiles := _dockerfile([_stage(0, "", "python:3.10-py39-compat", -1, true, [_user("app")])])

	rule.deny == {_finding(
		_old_base_message("its final stage", "python:3.10-py39-compat", "3.9"),
		_loc(_file, 10, 1),
	)} with input as _input(dockerfiles, [])
}

test_fail_service_runs_old_python_image if {
	services := [_service("notebook", 2, {"image": {"value": "docker.io/library/python:3.9-alpine", "location": _compose(3, 12)}})]

	rule.deny == {{
		"rule": "C-5",
		"msg": `Service "notebook" runs image docker.io/library/python:3.9-alpine, which ships Python 3.9. Move it to an image with Python 3.11 or newer.`,
		"location": _compose(3, 12),
		"service": "notebook",
	}} with input as _input({}, services)
}

test_fail_custom_min_python if {
	dockerfiles := _dockerfile([_stage(0, "", "python:3.11-slim", -1, true, [_user("app")])])

	rule.deny == {_finding(
		"Dockerfile services/app/Dockerfile builds its final stage on python:3.11-slim, which ships Python 3.11. Move it to a base image with Python 3.12 or newer.",
		_loc(_file, 10, 1),
	)} with input as _with_params(_input(dockerfiles, []), {"min_python": "3.12"})
}

test_fail_final_stage_without_user if {
	dockerfiles := _dockerfile([_stage(0, "", "python:3.12-slim", -1, true, [_run("pip install -r requirements.txt")])])

	rule.deny == {_finding(_no_user_message("its final stage"), _loc(_file, 10, 1))} with input as _input(dockerfiles, [])
}

test_fail_last_user_is_root if {
	dockerfiles := _dockerfile([_stage(0, "", "python:3.12-slim", -1, true, [
		_user("app"),
		_user("root"),
		_run("apt-get update"),
	])])

	rule.deny == {_finding(_root_user_message("its final stage", "root"), _loc(_file, 12, 1))} with input as _input(dockerfiles, [])
}

test_fail_root_user_with_group if {
	dockerfiles := _dockerfile([_stage(0, "", "python:3.12-slim", -1, true, [_user("0:1000")])])

	rule.deny == {_finding(_root_user_message("its final stage", "0:1000"), _loc(_file, 11, 1))} with input as _input(dockerfiles, [])
}

test_fail_root_user_inherited_from_stage if {
	dockerfiles := _dockerfile([
		_stage(0, "base", "python:3.12-slim", -1, false, [_user("root")]),
		_stage(1, "", "base", 0, true, [_run("pip install .")]),
	])

	rule.deny == {_finding(_root_user_message("its final stage", "root"), _loc(_file, 11, 1))} with input as _input(dockerfiles, [])
}

test_fail_target_stage_without_user if {
	dockerfiles := _dockerfile([
		_stage(0, "dev", "python:3.12", -1, false, [_run("pip install -e .")]),
		_stage(1, "prod", "python:3.12-slim", -1, true, [_user("app")]),
	])
	services := [_service("api", 2, _builds("dev"))]

	rule.deny == {_finding(_no_user_message(`stage "dev"`), _loc(_file, 10, 1))} with input as _input(dockerfiles, services)
}

test_fail_one_builder_without_compose_user if {
	dockerfiles := _dockerfile([_stage(0, "", "python:3.12-slim", -1, true, [])])
	services := [
		_service("api", 2, object.union(_builds(""), _compose_user("1000:1000"))),
		_service("worker", 12, _builds("")),
	]

	rule.deny == {_finding(_no_user_message("its final stage"), _loc(_file, 10, 1))} with input as _input(dockerfiles, services)
}

test_fail_compose_user_root_does_not_override if {
	dockerfiles := _dockerfile([_stage(0, "", "python:3.12-slim", -1, true, [])])
	services := [_service("api", 2, object.union(_builds(""), _compose_user("root")))]

	rule.deny == {_finding(_no_user_message("its final stage"), _loc(_file, 10, 1))} with input as _input(dockerfiles, services)
}

test_success_current_python_non_root if {
	dockerfiles := _dockerfile([
		_stage(0, "build", "python:3.11", -1, false, [_run("pip wheel .")]),
		_stage(1, "", "python:3.13-slim@sha256:0123abcd", -1, true, [_user("root"), _run("apt-get update"), _user("app:app")]),
	])

	rule.deny == set() with input as _input(dockerfiles, [])
}

test_success_unknown_python_versions if {
	dockerfiles := _dockerfile([
		_stage(0, "a", "python:latest", -1, false, []),
		_stage(1, "b", "python:3", -1, false, []),
		_stage(2, "c", "pypy:3.9", -1, false, []),
		_stage(3, "d", "registry.local/numpy310:1", -1, false, []),
		_stage(4, "e", "redis:3.2", -1, false, []),
		_stage(5, "", "scratch", -1, true, [_user("65532")]),
	])
	services := [_service("cache", 2, {"image": {"value": "redis:3.2", "location": _compose(3, 12)}})]

	rule.deny == set() with input as _input(dockerfiles, services)
}

test_success_user_inherited_from_stage if {
	dockerfiles := _dockerfile([
		_stage(0, "base", "python:3.12-slim", -1, false, [_user("app")]),
		_stage(1, "", "base", 0, true, [_run("pip install .")]),
	])

	rule.deny == set() with input as _input(dockerfiles, [])
}

test_success_every_builder_sets_compose_user if {
	dockerfiles := _dockerfile([_stage(0, "", "python:3.12-slim", -1, true, [])])
	services := [
		_service("api", 2, object.union(_builds(""), _compose_user("1000:1000"))),
		_service("worker", 12, object.union(_builds(""), _compose_user("app"))),
	]

	rule.deny == set() with input as _input(dockerfiles, services)
}

test_success_allow_root_images if {
	dockerfiles := _dockerfile([_stage(0, "", "python:3.12-slim", -1, true, [_user("root")])])

	rule.deny == set() with input as _with_params(_input(dockerfiles, []), {"allow_root_images": [_file]})
}

test_success_no_input if {
	rule.deny == set() with input as {"projects": [], "dockerfiles": {}}
}

# The stage's tag is null, so its Python version is unknown, and its name
# and instructions are null, so it runs as root in "its final stage".
test_fail_null_fields if {
	stage := _stage(0, null, "python:3.9-slim", -1, true, [])
	dockerfiles := _dockerfile([object.union(stage, {"base": object.union(stage.base, {"tag": null}), "instructions": null})])
	nulls := {"profiles": null, "labels": null, "environment": null, "healthcheck": null, "gpu": null, "restart": null}
	services := [
		_service("notebook", 2, object.union(nulls, {
			"build": null,
			"image": {"value": "python:3.9-alpine", "location": _compose(3, 12)},
			"user": {"value": null, "location": _compose(4, 11)},
		})),
		_service("api", 6, object.union(_builds(null), {"image": {"value": null}, "user": {"value": null}})),
		_service("worker", 9, {"image": null, "user": null}),
	]
	doc := object.union(_input(dockerfiles, services), {"backlog": {"families": null, "items": {"C-5": {"params": null}}}})

	rule.deny == {
		_finding(_no_user_message("its final stage"), _loc(_file, 10, 1)),
		{
			"rule": "C-5",
			"msg": `Service "notebook" runs image python:3.9-alpine, which ships Python 3.9. Move it to an image with Python 3.11 or newer.`,
			"location": _compose(3, 12),
			"service": "notebook",
		},
	} with input as doc
}

test_success_user_without_arguments if {
	dockerfiles := _dockerfile([_stage(0, "", "python:3.12-slim", -1, true, [object.union(_user("app"), {"args": null})])])

	rule.deny == set() with input as _input(dockerfiles, [])
}
