package berth.rules.pinned_dependencies_test

import data.berth.rules.pinned_dependencies as rule

_loc(file, line) := {"file": file, "line": line, "column": 1}

_base(reference, image, tag, digest) := {
	"raw": reference,
	"reference": reference,
	"image": image,
	"tag": tag,
	"digest": digest,
	"stage": -1,
	"scratch": false,
}

_python_base := _base("python:3.12-slim", "python", "3.12-slim", "")

_stage(index, base, instructions) := {
	"index": index,
	"final": true,
	"base": base,
	"location": _loc("Dockerfile", (index * 10) + 1),
	"instructions": instructions,
}

_run(line, script) := {
	"command": "run",
	"original": concat(" ", ["RUN", script]),
	"args": [script],
	"flags": [],
	"json": false,
	"heredocs": [],
	"location": _loc("Dockerfile", line),
}

# Returns a RUN instruction at line with its source lines as written. The
# script is what the parser passes on: the lines after RUN, joined without
# their backslash continuations.
_run_lines(line, lines) := object.union(_run(line, script), {
	"original": concat(" ", lines),
	"lines": lines,
	"location": object.union(_loc("Dockerfile", line), {"end_line": (line + count(lines)) - 1}),
}) if {
	script := regex.replace(trim_prefix(concat("\n", lines), "RUN "), `\\\n`, "")
}

_at(line, column, end_column) := {"file": "Dockerfile", "line": line, "column": column, "end_line": line, "end_column": end_column}

_input(stages, requirement_files, requirements) := {
	"dockerfiles": {"Dockerfile": {"path": "Dockerfile", "stages": stages, "requirement_files": requirement_files}},
	"requirements": requirements,
}

# Returns the input of a Dockerfile with a pinned base and the given RUN
# instructions.
_runs(instructions) := _input([_stage(0, _python_base, instructions)], [], {})

_finding(message, location) := {"rule": "C-17", "msg": message, "location": location}

_pip_message(spec, name) := sprintf(
	"RUN installs the Python package %q without an exact version. Pin it as %s==<version>, or install it from a requirement file with hashes.",
	[spec, name],
)

_apt_message(spec, name) := sprintf("RUN installs the apt package %q without a version. Pin it as %s=<version>.", [spec, name])

_apk_message(spec, name) := sprintf("RUN installs the Alpine package %q without a version. Pin it as %s=<version>.", [spec, name])

_line(name, specifier, pinned, hashes, line) := {
	"name": name,
	"specifier": specifier,
	"pinned": pinned,
	"hashes": hashes,
	"text": concat("", [name, specifier]),
	"location": _loc("requirements.txt", line),
}

_requirement_file(path, exists) := {"path": path, "exists": exists, "location": _loc("Dockerfile", 3)}

# Base images

test_fail_base_image_without_tag if {
	stages := [_stage(0, _base("python", "python", "", ""), [])]

	rule.deny == {_finding(
		`Base image "python" has no tag, so it means the latest tag, which changes whenever the image is pushed again. Pin a version tag or, better, a digest (@sha256:...).`,
		_loc("Dockerfile", 1),
	)} with input as _input(stages, [], {})
}

test_fail_base_image_latest_tag if {
	stages := [
		_stage(0, _base("node:20", "node", "20", ""), []),
		_stage(1, _base("registry.local:5000/base:latest", "registry.local:5000/base", "latest", ""), []),
	]

	rule.deny == {_finding(
		`Base image "registry.local:5000/base:latest" uses the latest tag, which changes whenever the image is pushed again. Pin a version tag or, better, a digest (@sha256:...).`,
		_loc("Dockerfile", 11),
	)} with input as _input(stages, [], {})
}

test_fail_base_image_arg_without_default if {
	base := object.union(_base("python:", "python", "", ""), {"raw": "python:${PY_VERSION}", "unresolved": ["PY_VERSION"]})
	stages := [_stage(0, base, [])]

	rule.deny == {_finding(
		`Base image "python:${PY_VERSION}" depends on ARG PY_VERSION, which has no default, so berth cannot check that it is pinned. Give the ARG a default that names a version tag or digest.`,
		_loc("Dockerfile", 1),
	)} with input as _input(stages, [], {})
}

test_success_pinned_stage_and_scratch_bases if {
	stages := [
		_stage(0, _base("python:3.12-slim", "python", "3.12-slim", ""), []),
		_stage(1, _base("python:latest@sha256:0123abcd", "python", "latest", "sha256:0123abcd"), []),
		_stage(2, object.union(_base("builder", "", "", ""), {"stage": 0}), []),
		_stage(3, object.union(_base("scratch", "", "", ""), {"scratch": true}), []),
	]

	rule.deny == set() with input as _input(stages, [], {})
}

# pip

test_fail_pip_install_unpinned_packages if {
	doc := _runs([_run(4, `pip install --no-cache-dir flask requests==2.31.0 "django>=4,<5" 'uvicorn[standard]'`)])

	rule.deny == {
		_finding(_pip_message("flask", "flask"), _loc("Dockerfile", 4)),
		_finding(_pip_message("django>=4,<5", "django"), _loc("Dockerfile", 4)),
		_finding(_pip_message("uvicorn[standard]", "uvicorn"), _loc("Dockerfile", 4)),
	} with input as doc
}

test_fail_pip_upgrade_of_pip if {
	doc := _runs([_run(4, "python3 -m pip install --upgrade pip setuptools==69.5.1")])

	rule.deny == {_finding(_pip_message("pip", "pip"), _loc("Dockerfile", 4))} with input as doc
}

test_fail_uv_pip_install if {
	doc := _runs([_run(4, "uv pip install --system --python /usr/bin/python3 numpy~=1.26")])

	rule.deny == {_finding(_pip_message("numpy~=1.26", "numpy"), _loc("Dockerfile", 4))} with input as doc
}

test_fail_pip_wildcard_version if {
	doc := _runs([_run(4, "pip3 install 'torch==2.3.*'")])

	rule.deny == {_finding(_pip_message("torch==2.3.*", "torch"), _loc("Dockerfile", 4))} with input as doc
}

test_fail_exec_form_run if {
	instruction := object.union(_run(4, ""), {"json": true, "args": ["pip", "install", "flask"]})
	doc := _runs([instruction])

	rule.deny == {_finding(_pip_message("flask", "flask"), _loc("Dockerfile", 4))} with input as doc
}

test_fail_exec_form_shell_script if {
	instruction := object.union(_run(4, ""), {"json": true, "args": ["/bin/sh", "-c", "apk add curl && pip install 'flask>=3'"]})
	doc := _runs([instruction])

	rule.deny == {
		_finding(_apk_message("curl", "curl"), _loc("Dockerfile", 4)),
		_finding(_pip_message("flask>=3", "flask"), _loc("Dockerfile", 4)),
	} with input as doc
}

test_fail_onbuild_run if {
	trigger := _run(6, "pip install gunicorn")
	onbuild := {
		"command": "onbuild",
		"original": "ONBUILD RUN pip install gunicorn",
		"args": [],
		"onbuild": trigger,
		"location": _loc("Dockerfile", 5),
	}
	doc := _runs([onbuild])

	rule.deny == {_finding(_pip_message("gunicorn", "gunicorn"), _loc("Dockerfile", 5))} with input as doc
}

test_success_pip_pinned_and_local_sources if {
	script := concat(" ", [
		"pip install --no-cache-dir -r requirements.txt -c constraints.txt",
		"-e . ./libs/common /wheels/app-1.0-py3-none-any.whl dist/tool.tar.gz",
		"git+https://github.com/org/repo@v1.2 'pkg @ https://example.com/pkg.whl'",
		"mylib @ file:///src/mylib",
		"'flask[async]==3.0.3' 'pywin32==306; sys_platform == \"win32\"' regex===2024.5.15 $EXTRA_PACKAGES",
	])
	doc := _runs([_run(4, script)])

	rule.deny == set() with input as doc
}

test_success_pip_other_subcommands if {
	doc := _runs([_run(4, "pip download flask -d /wheels && pip --version && pip freeze > requirements.lock")])

	rule.deny == set() with input as doc
}

# apt and apk

test_fail_apt_get_install_unpinned if {
	script := "apt-get update \\\n && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \\\n    curl git=1:2.39.2-1.1 ca-certificates \\\n && rm -rf /var/lib/apt/lists/*"
	doc := _runs([_run(4, script)])

	rule.deny == {
		_finding(_apt_message("curl", "curl"), _loc("Dockerfile", 4)),
		_finding(_apt_message("ca-certificates", "ca-certificates"), _loc("Dockerfile", 4)),
	} with input as doc
}

test_fail_apt_release_is_not_version if {
	doc := _runs([_run(4, "apt install -y -t bookworm-backports cockpit/bookworm-backports")])

	rule.deny == {_finding(_apt_message("cockpit/bookworm-backports", "cockpit"), _loc("Dockerfile", 4))} with input as doc
}

# A global ARG before FROM sets the registry prefix, so the stage starts
# at line 2 and the unpinned apk add is at line 3.
test_fail_apk_add_after_arg_prefix if {
	base := object.union(_base("alpine:3.20", "alpine", "3.20", ""), {"raw": "${REGISTRY_PREFIX}alpine:3.20"})
	stage := object.union(_stage(0, base, [_run(3, "apk add --no-cache curl")]), {"location": _loc("Dockerfile", 2)})

	rule.deny == {_finding(_apk_message("curl", "curl"), _loc("Dockerfile", 3))} with input as _input([stage], [], {})
}

test_fail_install_in_heredoc if {
	instruction := object.union(_run(4, "<<EOF"), {"heredocs": [{
		"name": "EOF",
		"content": "set -eux\n# tools for the build\napt-get update\napt-get install -y build-essential make=4.3-4.1\n",
		"expand": true,
	}]})
	doc := _runs([instruction])

	rule.deny == {_finding(_apt_message("build-essential", "build-essential"), _loc("Dockerfile", 4))} with input as doc
}

test_fail_install_in_bash_heredoc if {
	instruction := object.union(_run(4, "bash -e <<EOF"), {"heredocs": [{"name": "EOF", "content": "apk add git\n", "expand": true}]})
	doc := _runs([instruction])

	rule.deny == {_finding(_apk_message("git", "git"), _loc("Dockerfile", 4))} with input as doc
}

# Source lines

test_fail_multiline_apt_points_at_package_lines if {
	instruction := _run_lines(4, [
		"RUN curl -fsSL https://example.com/key.gpg | gpg --dearmor > /usr/share/keyrings/example.gpg \\",
		"    && apt-get update \\",
		"    && apt-get install -y --no-install-recommends \\",
		"       git=1:2.39.2-1.1 curl \\",
		"       ca-certificates \\",
		"    && curl -fsS https://example.com/ready",
	])

	rule.deny == {
		_finding(_apt_message("curl", "curl"), _at(7, 25, 29)),
		_finding(_apt_message("ca-certificates", "ca-certificates"), _at(8, 8, 23)),
	} with input as _runs([instruction])
}

test_fail_quoted_pip_package_column if {
	instruction := _run_lines(4, [
		"RUN pip install --no-cache-dir \\",
		`    "django>=4,<5" flask==3.0.3 \`,
		"    uvicorn",
	])

	rule.deny == {
		_finding(_pip_message("django>=4,<5", "django"), _at(5, 5, 19)),
		_finding(_pip_message("uvicorn", "uvicorn"), _at(6, 5, 12)),
	} with input as _runs([instruction])
}

# git is a package of both commands, so each finding points at the git
# that its own program installs.
test_fail_same_package_of_two_programs if {
	instruction := _run_lines(4, ["RUN apk add git \\", "  && apt-get install -y git"])

	rule.deny == {
		_finding(_apk_message("git", "git"), _at(4, 13, 16)),
		_finding(_apt_message("git", "git"), _at(5, 25, 28)),
	} with input as _runs([instruction])
}

# The heredoc body is part of the instruction's lines. 😀 takes two UTF-16
# code units, so jq starts at column 21.
test_fail_heredoc_package_lines if {
	lines := ["RUN <<EOF", "apk add --no-cache \\", "  curl", "echo ✓😀 && apk add jq", "EOF"]
	instruction := object.union(_run_lines(4, lines), {
		"args": ["<<EOF"],
		"heredocs": [{"name": "EOF", "content": "apk add --no-cache \\\n  curl\necho ✓😀 && apk add jq\n", "expand": true}],
	})

	rule.deny == {
		_finding(_apk_message("curl", "curl"), _at(6, 3, 7)),
		_finding(_apk_message("jq", "jq"), _at(7, 21, 23)),
	} with input as _runs([instruction])
}

test_fail_onbuild_points_at_package if {
	trigger := _run(6, "pip install gunicorn")
	onbuild := {
		"command": "onbuild",
		"original": "ONBUILD RUN pip install gunicorn",
		"lines": ["ONBUILD RUN pip install gunicorn"],
		"args": [],
		"onbuild": trigger,
		"location": _loc("Dockerfile", 5),
	}

	rule.deny == {_finding(_pip_message("gunicorn", "gunicorn"), _at(5, 25, 33))} with input as _runs([onbuild])
}

# The package is inside the quoted script of sh -c, so no token of the
# lines is the package and the finding points at the whole instruction.
test_fail_package_not_a_token_falls_back if {
	instruction := _run_lines(4, ["RUN sh -c 'apk add curl'"])

	rule.deny == {_finding(_apk_message("curl", "curl"), instruction.location)} with input as _runs([instruction])
}

test_fail_exec_form_with_lines_falls_back if {
	instruction := object.union(_run_lines(4, [`RUN ["pip", "install", "flask"]`]), {"json": true, "args": ["pip", "install", "flask"]})

	rule.deny == {_finding(_pip_message("flask", "flask"), instruction.location)} with input as _runs([instruction])
}

# curl on the first line is the program that fetches a key, not the
# package, so the finding skips it.
test_fail_program_with_package_name_skipped if {
	instruction := _run_lines(4, [
		"RUN curl -fsSL https://example.com/key.gpg -o /etc/apt/keyrings/example.gpg \\",
		"    && apt-get install -y curl",
	])

	rule.deny == {_finding(_apt_message("curl", "curl"), _at(5, 27, 31))} with input as _runs([instruction])
}

test_fail_null_lines_falls_back if {
	instruction := object.union(_run(4, "apk add curl"), {"lines": null})

	rule.deny == {_finding(_apk_message("curl", "curl"), _loc("Dockerfile", 4))} with input as _runs([instruction])
}

test_success_python_heredoc_not_searched if {
	instruction := object.union(_run(4, "python3 <<EOF"), {"heredocs": [{
		"name": "EOF",
		"content": "print('pip install flask')\nimport os\n",
		"expand": false,
	}]})
	doc := _runs([instruction])

	rule.deny == set() with input as doc
}

test_success_pinned_system_packages if {
	script := concat(" && ", [
		"apt-get -o Acquire::Retries=3 install -y curl=7.88.1-10+deb12u5 ./vendor/tool.deb",
		"apk add --no-cache --virtual .build-deps gcc=13.2.1_git20231014-r0 musl-dev=1.2.4_git20230717-r4",
		"apk add /tmp/local.apk",
		"apk update",
	])
	doc := _runs([_run(4, script)])

	rule.deny == set() with input as doc
}

# Requirement files

test_fail_requirement_file_missing if {
	doc := _input([_stage(0, _python_base, [])], [_requirement_file("app/requirements.txt", false)], {})

	rule.deny == {_finding(
		"Requirement file app/requirements.txt, which this instruction names, was not found, so its pins cannot be checked. Fix the path or add the file.",
		_loc("Dockerfile", 3),
	)} with input as doc
}

test_fail_requirement_lines_not_pinned_or_hashed if {
	requirements := {"requirements.txt": {"path": "requirements.txt", "lines": [
		_line("flask", ">=3", false, [], 1),
		_line("gunicorn", "==22.0.0", true, null, 2),
		_line("httpx", "", false, ["sha256:0123"], 3),
		_line("uvicorn", "==0.30.1", true, ["sha256:4567"], 4),
		{"name": "", "include": "", "text": "--index-url https://pypi.org/simple", "location": _loc("requirements.txt", 5)},
	]}}
	doc := _input([_stage(0, _python_base, [])], [_requirement_file("requirements.txt", true)], requirements)

	rule.deny == {
		_finding(
			`Requirement "flask" in requirements.txt is neither pinned to one version nor hashed. Pin it with == and add --hash values, for example with pip-compile --generate-hashes.`,
			_loc("requirements.txt", 1),
		),
		_finding(
			`Requirement "gunicorn" in requirements.txt has no --hash. Add hashes, for example with pip-compile --generate-hashes, so that pip verifies every download.`,
			_loc("requirements.txt", 2),
		),
		_finding(
			`Requirement "httpx" in requirements.txt is not pinned to one version. Pin it as httpx==<version>.`,
			_loc("requirements.txt", 3),
		),
	} with input as doc
}

test_fail_included_requirement_file if {
	requirements := {
		"requirements.txt": {"path": "requirements.txt", "lines": [{
			"name": "",
			"include": "base.txt",
			"text": "-r base.txt",
			"location": _loc("requirements.txt", 1),
		}]},
		"base.txt": {"path": "base.txt", "lines": [object.union(_line("numpy", "", false, [], 1), {"location": _loc("base.txt", 1)})]},
		"unused.txt": {"path": "unused.txt", "lines": [_line("pandas", "", false, [], 1)]},
	}
	doc := _input([_stage(0, _python_base, [])], [_requirement_file("requirements.txt", true)], requirements)

	rule.deny == {_finding(
		`Requirement "numpy" in base.txt is neither pinned to one version nor hashed. Pin it with == and add --hash values, for example with pip-compile --generate-hashes.`,
		_loc("base.txt", 1),
	)} with input as doc
}

test_fail_unpinned_without_hash_requirement if {
	requirements := {"requirements.txt": {"path": "requirements.txt", "lines": [
		_line("flask", ">=3", false, [], 1),
		_line("gunicorn", "==22.0.0", true, [], 2),
	]}}
	doc := object.union(
		_input([_stage(0, _python_base, [])], [_requirement_file("requirements.txt", true)], requirements),
		{"backlog": {"items": {"C-17": {"params": {"require_hashes": false}}}}},
	)

	rule.deny == {_finding(
		`Requirement "flask" in requirements.txt is not pinned to one version. Pin it as flask==<version>.`,
		_loc("requirements.txt", 1),
	)} with input as doc
}

test_success_requirement_file_not_installed if {
	requirements := {"requirements.txt": {"path": "requirements.txt", "lines": [_line("flask", "", false, [], 1)]}}

	rule.deny == set() with input as _input([_stage(0, _python_base, [])], [], requirements)
}

test_success_hashed_pinned_requirements if {
	requirements := {"requirements.txt": {"path": "requirements.txt", "lines": [
		_line("flask", "==3.0.3", true, ["sha256:0123", "sha256:4567"], 1),
		_line("regex", "===2024.5.15", true, ["sha256:89ab"], 2),
	]}}
	doc := _input([_stage(0, _python_base, [])], [_requirement_file("requirements.txt", true)], requirements)

	rule.deny == set() with input as doc
}

test_success_null_lists if {
	instruction := object.union(_run(4, ""), {"args": null, "heredocs": null})
	base := object.union(_python_base, {"unresolved": null})
	requirements := {"requirements.txt": {"path": "requirements.txt", "lines": null}}
	doc := {
		"dockerfiles": {
			"Dockerfile": {"path": "Dockerfile", "stages": [_stage(0, base, [instruction])], "requirement_files": [_requirement_file("requirements.txt", true)]},
			"empty/Dockerfile": {"path": "empty/Dockerfile", "stages": null, "requirement_files": null},
		},
		"requirements": requirements,
	}

	rule.deny == set() with input as doc
}

# Null values inside lists are skipped: an argument, a heredoc without
# content, a line of the source and an include. The ENV instruction's null
# env, the RUN's null flags and the requirement's null hashes read as empty.
test_fail_null_values_in_lists if {
	run := object.union(_run_lines(4, ["RUN apk add \\", "  curl"]), {
		"args": [null, "apk add curl"],
		"flags": null,
		"env": null,
		"heredocs": [{"name": "EOF", "content": null, "expand": true}],
		"lines": [null, "  curl"],
	})
	env := {"command": "env", "original": "ENV A=1", "args": ["A=1"], "env": null, "lines": null, "location": _loc("Dockerfile", 6)}
	requirements := {"requirements.txt": {"path": "requirements.txt", "lines": [
		object.union(_line("flask", "==3.0.3", true, null, 1), {"include": null}),
	]}}
	doc := _input([_stage(0, _python_base, [run, env])], [_requirement_file("requirements.txt", true)], requirements)

	rule.deny == {
		_finding(_apk_message("curl", "curl"), object.union(_loc("Dockerfile", 4), {"end_line": 5})),
		_finding(
			`Requirement "flask" in requirements.txt has no --hash. Add hashes, for example with pip-compile --generate-hashes, so that pip verifies every download.`,
			_loc("requirements.txt", 1),
		),
	} with input as doc
}
