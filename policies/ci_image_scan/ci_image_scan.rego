# METADATA
# title: CI does not scan images or write an SBOM
# description: The repository's CI must scan images with Trivy, fail the job on findings and produce an SBOM.
# related_resources:
#   - description: Rule documentation
#     ref: https://github.com/berth-policy/berth/blob/main/docs/rules/C-14.md
# custom:
#   id: C-14
#   name: ci-image-scan
#   priority: P1
#   tags:
#     - security
#     - ci
#   security_severity: "6.0"
#   params: {}
package berth.rules.ci_image_scan

import data.berth.lib.result

# TODO: the checks search the text of each CI file with regular expressions
# instead of parsing workflows and jobs. A step is the lines from its list
# item (GitHub Actions) or job key (GitLab CI) to the next line indented as
# far or less, and continue-on-error set on a whole GitHub job is not seen.

# Lines that run a Trivy image or file-system scan.
_scan_patterns := [
	`aquasecurity/trivy-action`,
	`aquasec/trivy\b`,
	`\btrivy(?:\s+--?[\w-]+(?:[ =][^\s-]\S*)?)*\s+(?:image|fs|rootfs)\b`,
]

# Text that produces an SBOM.
_sbom_patterns := [
	`(?m)^\s*format:\s*['"]?(?:cyclonedx|spdx|spdx-json)\b`,
	`(?:--format|-f)[ =]['"]?(?:cyclonedx|spdx)`,
	`\bsyft\b`,
	`anchore/sbom-action`,
	`(?m)--sbom(?:=(?:true|generator)|\s|$)`,
	`--attest[ =]type=sbom`,
	`(?m)^\s*sbom:\s*['"]?true\b`,
	`\btrivy\s+sbom\b`,
]

# Text that makes Trivy exit non-zero when it finds vulnerabilities.
_gate_patterns := [
	`(?m)^\s*exit-code:\s*['"]?1['"]?\s*$`,
	`--exit-code[ =]['"]?1\b`,
	`\bTRIVY_EXIT_CODE[:=]\s*['"]?1\b`,
]

# Text that lets a failed step pass anyway.
_ignore_patterns := [
	`(?m)^\s*continue-on-error:\s*['"]?true\b`,
	`(?m)^\s*allow_failure:\s*['"]?true\b`,
]

# The CI files by path, or an empty object when there are none.
_ci_files := input.ci_files if {
	is_object(input.ci_files)
} else := {}

# The rule needs every CI file, so a partial run, such as a pre-commit hook
# that loads only some files, is not checked.
_deployment if {
	not input.partial
	is_array(input.projects)
	count(input.projects) > 0
}

_deployment if {
	not input.partial
	is_object(input.dockerfiles)
	count(input.dockerfiles) > 0
}

deny contains finding if {
	_deployment
	count(_ci_files) == 0

	message := "No CI configuration was found, so images are built and deployed without a vulnerability scan or an SBOM. Add a workflow, such as .github/workflows/image-scan.yml, that scans each image with Trivy (aquasecurity/trivy-action or trivy image), fails the job on findings with exit-code 1, and writes a CycloneDX or SPDX SBOM."
	finding := result.fail(rego.metadata.chain(), message, _repository_location)
}

deny contains finding if {
	_deployment
	count(_ci_files) > 0
	count(_scans) == 0

	message := sprintf(
		"No CI file runs an image scan. Add a Trivy step to %s after the images are built, with aquasecurity/trivy-action or trivy image, and set exit-code 1 so that a vulnerable image fails the job.",
		[_build_file.path],
	)
	finding := result.fail(rego.metadata.chain(), message, _build_file.location)
}

deny contains finding if {
	_deployment
	count(_ci_files) > 0
	not _produces_sbom

	message := sprintf(
		"No CI file produces an SBOM of the images. Add a step to %s that writes one in CycloneDX or SPDX format, such as Trivy with format: cyclonedx, anchore/sbom-action or docker buildx build --sbom=true, and keep it as a build artifact.",
		[_sbom_anchor.path],
	)
	finding := result.fail(rego.metadata.chain(), message, _sbom_anchor.location)
}

deny contains finding if {
	_deployment
	count(_scans) > 0
	every scan in _scans {
		not scan.gate
	}

	first := _scans[0]
	message := sprintf(
		"The Trivy scan in %s does not fail the job when it finds vulnerabilities, because Trivy exits with 0 unless told otherwise. Set exit-code: '1' on the action, or --exit-code 1 on the command, and remove continue-on-error: true, allow_failure: true or || true from the step.",
		[first.path],
	)
	finding := result.fail(rego.metadata.chain(), message, first.location)
}

# The first Compose file of the first project, or else the first
# Dockerfile, stands for the repository when no CI file exists.
_repository_location := {"file": input.projects[0].files[0], "line": 1, "column": 1} if {
	input.projects[0].files[0]
} else := {"file": min(object.keys(input.dockerfiles)), "line": 1, "column": 1}

# The Trivy scan lines of every CI file, ordered by path and line. Each has
# the line's location and whether its step fails the job.
_scans := [scan |
	some path in sort(object.keys(_ci_files))
	ci := _ci_files[path]
	lines := _lines(ci.content)
	some i, line in lines
	_matches_any(line, _scan_patterns)

	step := _step(lines, i, ci.kind)
	scan := {
		"path": path,
		"location": {"file": _file(ci, path), "line": i + 1, "column": _indent(line) + 1},
		"gate": _gate(step, line),
	}
]

_produces_sbom if {
	some ci in _ci_files
	_matches_any(ci.content, _sbom_patterns)
}

# Findings about a missing step point at the CI file that builds images,
# because the step belongs beside the build.
_build_file := file if {
	builders := [path |
		some path in sort(object.keys(_ci_files))
		regex.match(`docker\s+(?:buildx\s+)?build|docker/build-push-action|docker[ -]compose\s+build|kaniko|buildah`, _ci_files[path].content)
	]
	file := _file_info(builders[0])
} else := _file_info(min(object.keys(_ci_files)))

_sbom_anchor := {"path": _scans[0].path, "location": _scans[0].location} if {
	count(_scans) > 0
} else := _build_file

_file_info(path) := {"path": path, "location": object.get(_ci_files[path], "location", {"file": path, "line": 1, "column": 1})}

_file(ci, path) := ci.location.file if {
	ci.location.file != ""
} else := path

_gate(step, line) if {
	_matches_any(step, _gate_patterns)
	not _matches_any(step, _ignore_patterns)
	not regex.match(`\|\|\s*(?:true|exit 0|:)\s*$`, line)
} else := false

_matches_any(text, patterns) if {
	some pattern in patterns
	regex.match(pattern, text)
}

_lines(content) := [trim_suffix(line, "\r") | some line in split(content, "\n")]

_indent(line) := count(line) - count(trim_left(line, " \t"))

# A step starts at a list item in GitHub Actions and at a job key in GitLab
# CI.
_step_start_pattern(kind) := `^[^\s#-][^:]*:` if {
	kind == "gitlab-ci"
} else := `^\s*-\s`

# Returns the text of the step that contains line i: from the nearest start
# line at or above it to the next line indented as far or less.
_step(lines, i, kind) := concat("\n", array.slice(lines, start, end)) if {
	pattern := _step_start_pattern(kind)
	starts := [j |
		some j, line in lines
		j <= i
		regex.match(pattern, line)
	]
	start := _last(starts, 0)
	depth := _indent(lines[start])
	ends := [j |
		some j, line in lines
		j > start
		_content_line(line)
		_indent(line) <= depth
	]
	end := _first(ends, count(lines))
}

_content_line(line) if {
	stripped := trim_space(line)
	stripped != ""
	not startswith(stripped, "#")
}

_last(values, default_value) := values[count(values) - 1] if {
	count(values) > 0
} else := default_value

_first(values, default_value) := values[0] if {
	count(values) > 0
} else := default_value
