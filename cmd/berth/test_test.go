package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const socketCompose = `services:
  web:
    image: nginx:latest
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
`

const healthcheckPolicy = `package main

deny_healthcheck contains {"msg": sprintf("service %s has no healthcheck", [service.name]), "_loc": service.location} if {
	some project in input.projects
	some service in project.services
	not service.healthcheck
}

warn_latest contains sprintf("service %s uses the latest tag", [service.name]) if {
	some project in input.projects
	some service in project.services
	endswith(service.image.value, ":latest")
}
`

const networkPolicy = `package main

deny contains msg if {
	msg := http.send({"method": "GET", "url": "http://127.0.0.1:1"}).body
}
`

// writeTree writes files (slash paths) under a new directory and returns it.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()

	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}

	return dir
}

// jsonFindings returns "rule level file:line:column" for each finding of a
// JSON report, with " (suppressed)" when it is suppressed.
func jsonFindings(t *testing.T, report string) []string {
	t.Helper()

	var parsed struct {
		Findings []struct {
			Rule     string `json:"rule"`
			Level    string `json:"level"`
			Location struct {
				File   string `json:"file"`
				Line   int    `json:"line"`
				Column int    `json:"column"`
			} `json:"location"`
			Suppression *struct{} `json:"suppression"`
		} `json:"findings"`
	}
	require.NoError(t, json.Unmarshal([]byte(report), &parsed), report)

	var out []string
	for _, f := range parsed.Findings {
		line := f.Rule + " " + f.Level + " " + f.Location.File + ":" + strconv.Itoa(f.Location.Line) + ":" + strconv.Itoa(f.Location.Column)
		if f.Suppression != nil {
			line += " (suppressed)"
		}
		out = append(out, line)
	}

	return out
}

func TestTestCommand(t *testing.T) {
	stack := writeTree(t, map[string]string{"compose.yaml": socketCompose})
	policies := writeTree(t, map[string]string{
		"main.rego":           healthcheckPolicy,
		"exception/ex.rego":   "package images\n\nimport data.main\n\nwarn_x contains \"x\" if false\n",
		"data/allowed/a.json": `{"tags": ["latest"]}`,
	})
	excepted := writeTree(t, map[string]string{
		"main.rego":      healthcheckPolicy,
		"exception.rego": "package main\n\nexception contains rules if {\n\trules := [\"healthcheck\", \"latest\"]\n}\n",
	})

	// warn_latest returns strings, so its findings point at its rule head.
	warnLatest := filepath.ToSlash(filepath.Join(policies, "main.rego")) + ":9:1"
	exceptedWarnLatest := filepath.ToSlash(filepath.Join(excepted, "main.rego")) + ":9:1"

	tests := []struct {
		name     string
		args     []string
		code     int
		findings []string
	}{
		{
			name: "errors fail the run",
			args: []string{"-p", policies},
			code: exitFindings,
			findings: []string{
				"main.warn_latest warning " + warnLatest,
				"main.deny_healthcheck error compose.yaml:2:3",
			},
		},
		{
			name: "fail-on never",
			args: []string{"-p", policies, "--fail-on", "never"},
			code: exitOK,
			findings: []string{
				"main.warn_latest warning " + warnLatest,
				"main.deny_healthcheck error compose.yaml:2:3",
			},
		},
		{
			name: "exceptions suppress",
			args: []string{"-p", excepted},
			code: exitOK,
			findings: []string{
				"main.warn_latest warning " + exceptedWarnLatest + " (suppressed)",
				"main.deny_healthcheck error compose.yaml:2:3 (suppressed)",
			},
		},
		{
			name:     "other namespace",
			args:     []string{"-p", policies, "-n", "images"},
			code:     exitOK,
			findings: nil,
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"test", "--root", stack, stack, "--format", "json"}, tt.args...)

			code, stdout, stderr := berth(t, args...)

			require.Equal(t, tt.code, code, stderr)
			assert.Equal(t, tt.findings, jsonFindings(t, stdout))
		})
	}
}

func TestTestCommandErrors(t *testing.T) {
	stack := writeTree(t, map[string]string{"compose.yaml": socketCompose})
	network := writeTree(t, map[string]string{"net.rego": networkPolicy})
	policies := writeTree(t, map[string]string{"main.rego": healthcheckPolicy})

	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{
			name:   "network access",
			args:   []string{"-p", network},
			stderr: "berth: compile policies: " + filepath.Join(network, "net.rego") + ":4: rego_type_error: call to http.send rejected: network access is disabled in berth policies, so a rule can read only the input document and data\n",
		},
		{
			name:   "no such namespace",
			args:   []string{"-p", policies, "-n", "k8s.*"},
			stderr: "berth: no policy package matches namespace k8s.*: the policies define main; select packages with -n/--namespace or use --all-namespaces\n",
		},
		{
			name:   "default policy directory missing",
			args:   nil,
			stderr: "berth: load policies: policy path policy not found: pass an existing file or directory\n",
		},
		{
			name:   "missing data",
			args:   []string{"-p", policies, "-d", filepath.Join(stack, "none")},
			stderr: "berth: load data: data path " + filepath.Join(stack, "none") + " not found: pass an existing file or directory\n",
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"test", "--root", stack, stack}, tt.args...)

			code, _, stderr := berth(t, args...)

			assert.Equal(t, exitError, code)
			assert.Equal(t, tt.stderr, stderr)
		})
	}
}

func TestTestCommandText(t *testing.T) {
	stack := writeTree(t, map[string]string{"compose.yaml": socketCompose})
	policies := writeTree(t, map[string]string{"main.rego": healthcheckPolicy})

	code, stdout, stderr := berth(t, "test", "--root", stack, stack, "-p", policies)

	require.Equal(t, exitFindings, code, stderr)
	assert.Contains(t, stdout, "compose.yaml:2:3: error main.deny_healthcheck: service web has no healthcheck\n")
	assert.Contains(t, stdout, filepath.ToSlash(filepath.Join(policies, "main.rego"))+":9:1: warning main.warn_latest: service web uses the latest tag\n")
}

func TestCheckUserPolicies(t *testing.T) {
	stack := writeTree(t, map[string]string{"compose.yaml": socketCompose})
	policies := writeTree(t, map[string]string{"main.rego": healthcheckPolicy})
	network := writeTree(t, map[string]string{"net.rego": networkPolicy})

	code, stdout, stderr := berth(t, "check", "--root", stack, stack, "--format", "json", "-p", policies)
	require.Equal(t, exitFindings, code, stderr)
	var user []string
	for _, f := range jsonFindings(t, stdout) {
		if strings.HasPrefix(f, "main.") {
			user = append(user, f)
		}
	}
	// Without a backlog file, every user rule's finding is an error.
	warnLatest := filepath.ToSlash(filepath.Join(policies, "main.rego")) + ":9:1"
	assert.Equal(t, []string{
		"main.warn_latest error " + warnLatest,
		"main.deny_healthcheck error compose.yaml:2:3",
	}, user)

	withBacklog := writeTree(t, map[string]string{"compose.yaml": socketCompose, "berth.hcl": "backlog \"team\" {\n  version = \"1\"\n}\n"})
	code, stdout, stderr = berth(t, "check", "--root", withBacklog, withBacklog, "--format", "json", "-p", policies)
	require.Equal(t, exitFindings, code, stderr)
	user = nil
	for _, f := range jsonFindings(t, stdout) {
		if strings.HasPrefix(f, "main.") {
			user = append(user, f)
		}
	}
	// A backlog file gives the warn rule an item with priority P2.
	assert.Equal(t, []string{
		"main.warn_latest warning " + warnLatest,
		"main.deny_healthcheck error compose.yaml:2:3",
	}, user)

	code, _, stderr = berth(t, "check", "--root", stack, stack, "-p", network)
	assert.Equal(t, exitError, code)
	assert.Equal(t, "berth: compile policies: "+filepath.Join(network, "net.rego")+":4: rego_type_error: call to http.send rejected: network access is disabled in berth policies, so a rule can read only the input document and data\n", stderr)
}

// severalBodiesPolicy defines deny in two bodies that return plain strings.
const severalBodiesPolicy = `package main

deny contains "every stack needs an owner label" if {
	some project in input.projects
	count(project.services) > 0
}

deny contains msg if {
	some project in input.projects
	some service in project.services
	endswith(service.image.value, ":latest")
	msg := sprintf("service %s uses the latest tag", [service.name])
}
`

// TestCheckUserPoliciesSARIF checks that a finding of a rule that returns
// plain strings gets a SARIF location, which GitHub code scanning requires
// of every result: the rule head that produced it, relative to the root.
func TestCheckUserPoliciesSARIF(t *testing.T) {
	stack := writeTree(t, map[string]string{
		"compose.yaml":          socketCompose,
		"policy/main.rego":      healthcheckPolicy,
		"policy/ownership.rego": severalBodiesPolicy,
	})
	out := filepath.Join(t.TempDir(), "results.sarif")

	code, _, stderr := berth(t, "check", "--root", stack, stack, "-p", filepath.Join(stack, "policy"), "-o", out)
	require.Equal(t, exitFindings, code, stderr)

	raw, err := os.ReadFile(out)
	require.NoError(t, err)
	validateSARIF(t, raw)

	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string                `json:"ruleId"`
				Message   struct{ Text string } `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal(raw, &log))
	require.Len(t, log.Runs, 1)

	var user []string
	for _, r := range log.Runs[0].Results {
		require.NotEmpty(t, r.Locations, "result %s %q has no location", r.RuleID, r.Message.Text)
		if !strings.HasPrefix(r.RuleID, "main.") {
			continue
		}
		require.Len(t, r.Locations, 1)
		l := r.Locations[0].PhysicalLocation
		assert.Equal(t, "%SRCROOT%", l.ArtifactLocation.URIBaseID)
		user = append(user, r.RuleID+" "+l.ArtifactLocation.URI+":"+strconv.Itoa(l.Region.StartLine)+":"+strconv.Itoa(l.Region.StartColumn)+" "+r.Message.Text)
	}
	assert.Equal(t, []string{
		"main.warn_latest policy/main.rego:9:1 service web uses the latest tag",
		"main.deny policy/ownership.rego:3:1 every stack needs an owner label",
		"main.deny policy/ownership.rego:8:1 service web uses the latest tag",
		"main.deny_healthcheck compose.yaml:2:3 service web has no healthcheck",
	}, user)
}
