package berth.rules.ci_image_scan_test

import data.berth.rules.ci_image_scan as rule

_workflow_path := ".github/workflows/build.yml"

_ci(path, kind, content) := {path: {
	"path": path,
	"kind": kind,
	"content": content,
	"location": {"file": path, "line": 1, "column": 1},
}}

_project := {"name": "app", "host": "app", "files": ["deploy/compose.yaml", "deploy/compose.override.yaml"], "services": []}

_input(ci_files) := {"projects": [_project], "dockerfiles": {}, "ci_files": ci_files}

_loc(file, line, column) := {"file": file, "line": line, "column": column}

_finding(message, location) := {"rule": "C-14", "msg": message, "location": location}

_no_ci_message := "No CI configuration was found, so images are built and deployed without a vulnerability scan or an SBOM. Add a workflow, such as .github/workflows/image-scan.yml, that scans each image with Trivy (aquasecurity/trivy-action or trivy image), fails the job on findings with exit-code 1, and writes a CycloneDX or SPDX SBOM."

_no_scan_message(path) := sprintf(
	"No CI file runs an image scan. Add a Trivy step to %s after the images are built, with aquasecurity/trivy-action or trivy image, and set exit-code 1 so that a vulnerable image fails the job.",
	[path],
)

_no_sbom_message(path) := sprintf(
	"No CI file produces an SBOM of the images. Add a step to %s that writes one in CycloneDX or SPDX format, such as Trivy with format: cyclonedx, anchore/sbom-action or docker buildx build --sbom=true, and keep it as a build artifact.",
	[path],
)

_no_gate_message(path) := sprintf(
	"The Trivy scan in %s does not fail the job when it finds vulnerabilities, because Trivy exits with 0 unless told otherwise. Set exit-code: '1' on the action, or --exit-code 1 on the command, and remove continue-on-error: true, allow_failure: true or || true from the step.",
	[path],
)

_build_steps := `name: build
on: push
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Build
        run: docker build -t registry.local/app:${{ github.sha }} .
`

test_fail_no_ci_file_points_at_first_compose_file if {
	rule.deny == {_finding(_no_ci_message, _loc("deploy/compose.yaml", 1, 1))} with input as _input({})
}

test_fail_no_ci_file_points_at_first_dockerfile if {
	doc := {"projects": [], "dockerfiles": {"b/Dockerfile": {}, "a/Dockerfile": {}}, "ci_files": null}

	rule.deny == {_finding(_no_ci_message, _loc("a/Dockerfile", 1, 1))} with input as doc
}

test_fail_build_without_scan_or_sbom if {
	ci_files := object.union(
		_ci(".github/workflows/a-lint.yml", "github-actions", "name: lint\non: push\n"),
		_ci(_workflow_path, "github-actions", _build_steps),
	)

	rule.deny == {
		_finding(_no_scan_message(_workflow_path), _loc(_workflow_path, 1, 1)),
		_finding(_no_sbom_message(_workflow_path), _loc(_workflow_path, 1, 1)),
	} with input as _input(ci_files)
}

test_fail_scan_without_exit_code_or_sbom if {
	content := concat("", [_build_steps, `      - name: Scan
        uses: aquasecurity/trivy-action@0.28.0
        with:
          image-ref: registry.local/app:${{ github.sha }}
          severity: CRITICAL,HIGH
`])

	rule.deny == {
		_finding(_no_sbom_message(_workflow_path), _loc(_workflow_path, 11, 9)),
		_finding(_no_gate_message(_workflow_path), _loc(_workflow_path, 11, 9)),
	} with input as _input(_ci(_workflow_path, "github-actions", content))
}

test_fail_continue_on_error_on_scan_step if {
	content := concat("", [_build_steps, `      - name: Scan
        uses: aquasecurity/trivy-action@0.28.0
        continue-on-error: true
        with:
          image-ref: registry.local/app:${{ github.sha }}
          format: cyclonedx
          exit-code: '1'
`])

	rule.deny == {_finding(_no_gate_message(_workflow_path), _loc(_workflow_path, 11, 9))} with input as _input(_ci(_workflow_path, "github-actions", content))
}

test_fail_exit_code_in_another_step_does_not_count if {
	content := concat("", [_build_steps, `      - name: Scan
        run: trivy image --format cyclonedx --output sbom.json registry.local/app
      - name: Lint
        run: hadolint --exit-code 1 Dockerfile
`])

	rule.deny == {_finding(_no_gate_message(_workflow_path), _loc(_workflow_path, 11, 9))} with input as _input(_ci(_workflow_path, "github-actions", content))
}

test_fail_or_true_after_scan_command if {
	content := concat("", [_build_steps, `      - run: trivy image --exit-code 1 registry.local/app || true
      - uses: anchore/sbom-action@v0
`])

	rule.deny == {_finding(_no_gate_message(_workflow_path), _loc(_workflow_path, 10, 7))} with input as _input(_ci(_workflow_path, "github-actions", content))
}

test_fail_gitlab_job_allows_failure if {
	content := `stages: [build, scan]
container_scanning:
  stage: scan
  image:
    name: aquasec/trivy:0.50.1
  allow_failure: true
  script:
    - trivy image --exit-code 1 --format cyclonedx --output sbom.json "$IMAGE"
`

	rule.deny == {_finding(_no_gate_message(".gitlab-ci.yml"), _loc(".gitlab-ci.yml", 5, 5))} with input as _input(_ci(".gitlab-ci.yml", "gitlab-ci", content))
}

test_success_trivy_action_with_gate_and_sbom if {
	content := concat("", [_build_steps, `      - name: Scan
        uses: aquasecurity/trivy-action@0.28.0
        with:
          image-ref: registry.local/app:${{ github.sha }}
          exit-code: '1'
      - name: SBOM
        uses: aquasecurity/trivy-action@0.28.0
        with:
          image-ref: registry.local/app:${{ github.sha }}
          format: cyclonedx
          output: sbom.cdx.json
`])

	rule.deny == set() with input as _input(_ci(_workflow_path, "github-actions", content))
}

test_success_trivy_command_and_buildx_sbom if {
	content := `name: release
on: push
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - run: docker buildx build --sbom=true --push -t registry.local/app:1.0 .
      - run: |
          trivy --quiet image --exit-code=1 --severity HIGH,CRITICAL registry.local/app:1.0
`

	rule.deny == set() with input as _input(_ci(_workflow_path, "github-actions", content))
}

test_success_gitlab_scan_job if {
	content := "stages: [scan]\r\ntrivy:\r\n  image: aquasec/trivy:0.50.1\r\n  variables:\r\n    TRIVY_EXIT_CODE: \"1\"\r\n  script:\r\n    - trivy image --format spdx-json --output sbom.spdx.json \"$IMAGE\"\r\n"

	rule.deny == set() with input as _input(_ci(".gitlab-ci.yml", "gitlab-ci", content))
}

test_success_partial_run if {
	rule.deny == set() with input as object.union(_input({}), {"partial": true})
}

test_success_nothing_to_deploy if {
	rule.deny == set() with input as {"projects": [], "dockerfiles": {}, "ci_files": {}}
}
