# METADATA
# title: Dependencies are pinned
# description: Dockerfiles must pin base images, the packages they install with pip, apt and apk, and the requirement files they install.
# related_resources:
#   - description: Rule documentation
#     ref: https://github.com/berth-policy/berth/blob/main/docs/rules/C-17.md
# custom:
#   id: C-17
#   name: pinned-dependencies
#   priority: P2
#   tags:
#     - supply-chain
#   params:
#     require_hashes: true
package berth.rules.pinned_dependencies

import data.berth.lib.config
import data.berth.lib.result
import data.berth.lib.shell

_params := config.params(rego.metadata.chain())

# Base images.
deny contains finding if {
	some dockerfile in input.dockerfiles
	some stage in dockerfile.stages
	message := _base_message(stage.base)
	finding := result.fail(rego.metadata.chain(), message, stage.location)
}

# Packages installed by RUN instructions.
deny contains finding if {
	some dockerfile in input.dockerfiles
	some stage in dockerfile.stages
	some instruction in stage.instructions
	run := _run(instruction)
	some script in _scripts(run)
	some words in shell.commands(script)
	some problem in _install_problems(words)
	location := _package_location(instruction, problem)
	finding := result.fail(rego.metadata.chain(), problem.message, location)
}

# Requirement files that a Dockerfile installs but that were not found.
deny contains finding if {
	some dockerfile in input.dockerfiles
	some file in dockerfile.requirement_files
	file.exists == false

	message := sprintf(
		"Requirement file %s, which this instruction names, was not found, so its pins cannot be checked. Fix the path or add the file.",
		[file.path],
	)
	finding := result.fail(rego.metadata.chain(), message, file.location)
}

# Lines of the requirement files that a Dockerfile installs, directly or
# through -r and -c includes.
deny contains finding if {
	some path in _installed_requirements
	some line in input.requirements[path].lines
	line.name != ""
	message := _requirement_message(line, path, _params.require_hashes)
	finding := result.fail(rego.metadata.chain(), message, line.location)
}

# Base images

_base_message(base) := sprintf(
	"Base image %q depends on ARG %s, which has no default, so berth cannot check that it is pinned. Give the ARG a default that names a version tag or digest.",
	[base.raw, concat(", ", base.unresolved)],
) if {
	_image_base(base)
	some _ in base.unresolved
} else := sprintf(
	"Base image %q has no tag, so it means the latest tag, which changes whenever the image is pushed again. Pin a version tag or, better, a digest (@sha256:...).",
	[base.reference],
) if {
	_image_base(base)
	base.digest == ""
	base.tag == ""
} else := sprintf(
	"Base image %q uses the latest tag, which changes whenever the image is pushed again. Pin a version tag or, better, a digest (@sha256:...).",
	[base.reference],
) if {
	_image_base(base)
	base.digest == ""
	base.tag == "latest"
}

# A FROM that names an earlier stage or scratch has nothing to pin.
_image_base(base) if {
	base.stage < 0
	not base.scratch
}

# RUN instructions and their scripts

_run(instruction) := instruction if instruction.command == "run"

_run(instruction) := instruction.onbuild if {
	instruction.command == "onbuild"
	instruction.onbuild.command == "run"
}

# Returns the shell scripts of a RUN: its command line and the heredocs
# that a shell runs. A heredoc given to another program, as in
# RUN python3 <<EOF, is that program's input and is not searched.
_scripts(run) := array.concat([_command_line(run)], [heredoc.content |
	_heredocs_are_scripts(run)
	some heredoc in run.heredocs
	is_string(heredoc.content)
])

_command_line(run) := concat(" ", [_shell_quote(arg) | some arg in _args(run)]) if {
	run.json == true
} else := concat(" ", _args(run))

_args(run) := [arg | some arg in run.args; is_string(arg)]

# Quotes one argument of an exec-form RUN so that the shell splitter returns
# it as one word.
_shell_quote(arg) := concat("", ["'", replace(arg, "'", `'\''`), "'"])

_heredocs_are_scripts(run) if {
	count(shell.commands(_command_line(run))) == 0
}

_heredocs_are_scripts(run) if {
	commands := shell.commands(_command_line(run))
	shell.program(commands[0]) in {"sh", "bash", "dash", "ash", "zsh"}
}

# Package installs

# Returns the unpinned packages of one command, each with its message and
# the words that locate it in the source: the program and its subcommand.
_install_problems(words) := ({_problem(
	words,
	spec,
	"install",
	sprintf(
		"RUN installs the Python package %q without an exact version. Pin it as %s==<version>, or install it from a requirement file with hashes.",
		[spec, _python_name(spec)],
	),
) |
	some spec in _pip_packages(words)
	not _pip_pinned(spec)
} | {_problem(
	words,
	spec,
	"install",
	sprintf("RUN installs the apt package %q without a version. Pin it as %s=<version>.", [spec, regex.replace(spec, `[=/].*$`, "")]),
) |
	some spec in _apt_packages(words)
	not regex.match(`^[^=\s]+=[^=\s]+$`, spec)
}) | {_problem(
	words,
	spec,
	"add",
	sprintf("RUN installs the Alpine package %q without a version. Pin it as %s=<version>.", [spec, regex.replace(spec, `[=<>~].*$`, "")]),
) |
	some spec in _apk_packages(words)
	not regex.match(`^[^=<>~\s]+=[^=<>~\s]+$`, spec)
}

_problem(words, spec, subcommand, message) := {
	"message": message,
	"package": spec,
	"program": shell.program(words),
	"subcommand": subcommand,
}

# Returns the location of the package token in the instruction's source
# lines: the first token equal to the package that follows both the
# program and the subcommand (install or add) since the last command
# separator. Falls back to the whole instruction when no token matches,
# as for the exec form, a script inside sh -c '...' or a Dockerfile that
# continues lines with another escape character.
# NOTE: a package installed twice by one RUN is reported at its first
# install only, because both findings have the same message.
_package_location(instruction, problem) := {
	"file": instruction.location.file,
	"line": instruction.location.line + token.line,
	"column": token.column,
	"end_line": instruction.location.line + token.line,
	"end_column": token.end_column,
} if {
	tokens := shell.located_tokens(instruction.lines)
	matches := [k |
		some k, token in tokens
		not token.separator
		token.word == problem.package
		_installed_at(tokens, k, problem)
	]
	token := tokens[matches[0]]
} else := instruction.location

_installed_at(tokens, k, problem) if {
	before := array.slice(tokens, 0, k)
	command_start := max(array.concat([-1], [j | some j, token in before; token.separator])) + 1
	command := array.slice(before, command_start, k)

	some program in command
	regex.replace(program.word, `^.*/`, "") == problem.program

	some subcommand in command
	subcommand.word == problem.subcommand
}

# Options of pip install and uv pip install that take a value as the next
# word. Requirement files (-r, -c) are checked through requirement_files,
# and editable installs (-e) are local or VCS sources.
_pip_value_options := {
	"-r", "--requirement", "-c", "--constraint", "-e", "--editable",
	"-t", "--target", "--platform", "--python-version", "--implementation",
	"--abi", "--root", "--prefix", "--src", "--upgrade-strategy", "-C",
	"--config-settings", "--config-setting", "--global-option", "--no-binary",
	"--only-binary", "--progress-bar", "-i", "--index-url", "--extra-index-url",
	"--index", "--default-index", "-f", "--find-links", "--cache-dir", "--log",
	"--proxy", "--retries", "--timeout", "--exists-action", "--trusted-host",
	"--cert", "--client-cert", "-p", "--python", "--root-user-action", "--report",
	"--use-feature", "--use-deprecated", "--keyring-provider", "--group",
	"--index-strategy", "--resolution", "--prerelease", "--link-mode",
	"--python-platform", "--exclude-newer", "--reinstall-package",
	"--upgrade-package", "-P", "--directory", "--project", "--config-file",
	"--color", "--allow-insecure-host", "--extra", "--overrides",
	"--build-constraints", "-b", "--no-build-isolation-package", "--torch-backend",
}

_apt_value_options := {
	"-o", "--option", "-c", "--config-file", "-t", "--target-release",
	"--default-release", "-a", "--host-architecture",
}

_apk_value_options := {
	"-t", "--virtual", "-X", "--repository", "-p", "--root", "--arch",
	"--keys-dir", "--cache-dir", "--repositories-file", "--cache-max-age",
}

# Returns the words after pip in pip install, python -m pip install and
# uv pip install.
_pip_arguments(words) := array.slice(words, 1, count(words)) if {
	regex.match(`^pip[0-9.]*$`, shell.program(words))
}

_pip_arguments(words) := array.slice(words, 3, count(words)) if {
	regex.match(`^python[0-9.]*$`, shell.program(words))
	array.slice(words, 1, 3) == ["-m", "pip"]
}

_pip_arguments(words) := array.slice(words, 2, count(words)) if {
	shell.program(words) == "uv"
	words[1] == "pip"
}

_pip_packages(words) := [spec |
	some i, spec in operands
	i > 0
	spec != "@"
	not _direct_reference(operands, i)
	not regex.match(`^[.~/]|/|://|\$|\.(?:whl|zip|tar\.gz|tgz|tar\.bz2)$`, spec)
] if {
	operands := shell.operands(_pip_arguments(words), _pip_value_options)
	operands[0] == "install"
}

# A name written as name @ URL installs from that URL.
_direct_reference(operands, i) if operands[i + 1] == "@"

# An exact pin is name[extras]==version or ===version, with an optional
# environment marker, and no wildcard or second clause.
_pip_pinned(spec) if {
	regex.match(`^[A-Za-z0-9][A-Za-z0-9._-]*(?:\[[^\]]*\])?\s*===?\s*[^\s=<>!~,;*]+\s*(?:;.*)?$`, spec)
}

_python_name(spec) := regex.replace(spec, `\s*[\[<>=!~;@\s].*$`, "")

_apt_packages(words) := [spec |
	some spec in array.slice(operands, 1, count(operands))
	not regex.match(`^[.~/]|\$|\.deb$`, spec)
] if {
	shell.program(words) in {"apt-get", "apt"}
	operands := shell.operands(array.slice(words, 1, count(words)), _apt_value_options)
	operands[0] == "install"
}

_apk_packages(words) := [spec |
	some spec in array.slice(operands, 1, count(operands))
	not regex.match(`^[.~/]|\$|\.apk$`, spec)
] if {
	shell.program(words) == "apk"
	operands := shell.operands(array.slice(words, 1, count(words)), _apk_value_options)
	operands[0] == "add"
}

# Requirement files

# Paths of the loaded requirement files that some Dockerfile installs,
# with the files they include.
_installed_requirements := {path |
	some path in (graph.reachable(_includes, installed) | installed)
	input.requirements[path]
} if {
	installed := {file.path |
		some dockerfile in input.dockerfiles
		some file in dockerfile.requirement_files
		file.exists == true
	}
}

_includes := {path: {line.include |
	some line in requirements.lines
	object.get(line, "include", "") != ""
} |
	some path, requirements in input.requirements
}

_requirement_message(line, path, true) := sprintf(
	"Requirement %q in %s is neither pinned to one version nor hashed. Pin it with == and add --hash values, for example with pip-compile --generate-hashes.",
	[line.name, path],
) if {
	not line.pinned
	not _hashed(line)
}

_requirement_message(line, path, require_hashes) := sprintf(
	"Requirement %q in %s is not pinned to one version. Pin it as %s==<version>.",
	[line.name, path, line.name],
) if {
	not line.pinned
	_hashed_or_not_required(line, require_hashes)
}

_requirement_message(line, path, true) := sprintf(
	"Requirement %q in %s has no --hash. Add hashes, for example with pip-compile --generate-hashes, so that pip verifies every download.",
	[line.name, path],
) if {
	line.pinned
	not _hashed(line)
}

_hashed_or_not_required(_, false)

_hashed_or_not_required(line, _) if _hashed(line)

_hashed(line) if {
	some _ in line.hashes
}
