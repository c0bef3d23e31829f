package conftest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
)

const composePolicy = `# METADATA
# title: Compose hygiene
# description: Services need healthchecks and must not mount the Docker socket.
package main

import data.berth.lib.names

deny_no_healthcheck contains result if {
	some project in input.projects
	some service in project.services
	not service.healthcheck
	result := {"msg": sprintf("service %s has no healthcheck", [service.name]), "_loc": service.location}
}

warn_socket contains msg if {
	some project in input.projects
	some service in project.services
	some volume in service.volumes
	endswith(volume.source, "docker.sock")
	not names.listed(service.name, data.allowed.socket_services)
	msg := sprintf("service %s mounts the Docker socket", [service.name])
}

violation contains {"msg": "project has no services", "location": {"file": project.files[0], "line": 1}} if {
	some project in input.projects
	count(project.services) == 0
}
`

const imagesPolicy = `# METADATA
# custom:
#   id: IMG-1
package compose.images

deny contains msg if {
	some project in input.projects
	some service in project.services
	not service.image
	msg := {"msg": sprintf("service %s has no image", [service.name]), "service": service.name, "_loc": service.location}
}
`

// testDocument has one project with a service that mounts the socket, has
// no healthcheck and no image, and an empty project.
func testDocument() input.Document {
	return input.Document{
		Version: input.Version,
		Projects: []input.Project{
			{
				Name:  "app",
				Files: []string{"app/compose.yaml"},
				Services: []input.Service{{
					Name:     "watchtower",
					Location: input.Location{File: "app/compose.yaml", Line: 4, Column: 3},
					Volumes: []input.Volume{{
						Type:     "bind",
						Source:   "/var/run/docker.sock",
						Target:   "/var/run/docker.sock",
						Location: input.Location{File: "app/compose.yaml", Line: 7, Column: 9},
					}},
				}},
			},
			{Name: "empty", Files: []string{"empty/compose.yaml"}, Services: []input.Service{}},
		},
		Errors: []input.LoadError{{Location: input.Location{File: "broken/compose.yaml"}, Message: "invalid YAML"}},
	}
}

// summaryRow is a finding without its message, for exact comparisons.
type summaryRow struct {
	rule    string
	level   finding.Level
	file    string
	line    int
	service string
	excepts string
}

func summaryRows(findings []finding.Finding) []summaryRow {
	out := make([]summaryRow, 0, len(findings))
	for _, f := range findings {
		b := summaryRow{rule: f.RuleID, level: f.Level, file: f.Location.File, line: f.Location.Line, service: f.Service}
		if f.Suppression != nil {
			b.excepts = f.Suppression.Justification
		}
		out = append(out, b)
	}

	return out
}

func TestEngineTest(t *testing.T) {
	policies := writeFiles(t, map[string]string{
		"compose.rego":             composePolicy,
		"images/images.rego":       imagesPolicy,
		"compose_test.rego":        "package main_test\n\ntest_nothing if true\n",
		"exceptions/ex.rego":       "package compose.images\n\nexception contains rules if {\n\tinput.berth == \"input/v1\"\n\trules := [\"\"]\n}\n",
		"data/allowed/socket.yaml": "socket_services: []\n",
		"data/other/extra.js":      "ignored",
	})
	allowWatchtower := writeFiles(t, map[string]string{"allowed/socket.json": `{"socket_services": ["watchtower"]}`})

	tests := []struct {
		name string
		opts Options
		want []summaryRow
	}{
		{
			name: "default namespace",
			opts: Options{Policies: []string{policies}, Data: []string{filepath.Join(policies, "data")}},
			want: []summaryRow{
				{rule: "main.warn_socket", level: finding.LevelWarning, file: "{dir}/compose.rego", line: 15},
				{rule: "main.deny_no_healthcheck", level: finding.LevelError, file: "app/compose.yaml", line: 4},
				{rule: "main.violation", level: finding.LevelError, file: "empty/compose.yaml", line: 1},
			},
		},
		{
			name: "data excepts a service",
			opts: Options{Policies: []string{policies}, Data: []string{allowWatchtower}},
			want: []summaryRow{
				{rule: "main.deny_no_healthcheck", level: finding.LevelError, file: "app/compose.yaml", line: 4},
				{rule: "main.violation", level: finding.LevelError, file: "empty/compose.yaml", line: 1},
			},
		},
		{
			name: "glob with exception",
			opts: Options{Policies: []string{policies}, Namespaces: []string{"compose.*"}},
			want: []summaryRow{
				{rule: "IMG-1", level: finding.LevelError, file: "app/compose.yaml", line: 4, service: "watchtower", excepts: "data.compose.images.exception excepts rule deny"},
			},
		},
		{
			name: "all namespaces",
			opts: Options{Policies: []string{policies}, Data: []string{filepath.Join(policies, "data")}, AllNamespaces: true},
			want: []summaryRow{
				{rule: "main.warn_socket", level: finding.LevelWarning, file: "{dir}/compose.rego", line: 15},
				{rule: "IMG-1", level: finding.LevelError, file: "app/compose.yaml", line: 4, service: "watchtower", excepts: "data.compose.images.exception excepts rule deny"},
				{rule: "main.deny_no_healthcheck", level: finding.LevelError, file: "app/compose.yaml", line: 4},
				{rule: "main.violation", level: finding.LevelError, file: "empty/compose.yaml", line: 1},
			},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			engine, err := New(context.Background(), tt.opts)
			require.NoError(t, err)

			report, err := engine.Test(context.Background(), testDocument(), "1.2.3")
			require.NoError(t, err)

			want := make([]summaryRow, 0, len(tt.want))
			for _, row := range tt.want {
				row.file = replaceDir(row.file, filepath.ToSlash(policies))
				want = append(want, row)
			}
			assert.Equal(t, want, summaryRows(report.Findings))
			assert.Equal(t, "1.2.3", report.ToolVersion)
			assert.Equal(t, testDocument().Errors, report.Errors)
		})
	}
}

func TestEngineTestMessagesAndRules(t *testing.T) {
	policies := writeFiles(t, map[string]string{"compose.rego": composePolicy, "images.rego": imagesPolicy})

	engine, err := New(context.Background(), Options{Policies: []string{policies}, AllNamespaces: true})
	require.NoError(t, err)
	report, err := engine.Test(context.Background(), testDocument(), "dev")
	require.NoError(t, err)

	var messages []string
	for _, f := range report.Findings {
		messages = append(messages, f.Message)
	}
	// Without data, data.allowed.socket_services is undefined, so
	// warn_socket reports nothing.
	assert.Equal(t, []string{
		"service watchtower has no image",
		"service watchtower has no healthcheck",
		"project has no services",
	}, messages)

	assert.Equal(t, []finding.Rule{
		{ID: "IMG-1", Name: "deny", Title: "compose.images.deny", Level: finding.LevelError, Tags: []string{}},
		{ID: "main.deny_no_healthcheck", Name: "deny_no_healthcheck", Title: "Compose hygiene", Description: "Services need healthchecks and must not mount the Docker socket.", Level: finding.LevelError, Tags: []string{}},
		{ID: "main.violation", Name: "violation", Title: "Compose hygiene", Description: "Services need healthchecks and must not mount the Docker socket.", Level: finding.LevelError, Tags: []string{}},
		{ID: "main.warn_socket", Name: "warn_socket", Title: "Compose hygiene", Description: "Services need healthchecks and must not mount the Docker socket.", Level: finding.LevelWarning, Tags: []string{}},
	}, report.Rules)
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		opts    Options
		wantErr string
	}{
		{
			name:    "boolean rule",
			files:   map[string]string{"p.rego": "package main\n\ndeny if {\n\tinput.berth\n}\n"},
			wantErr: `find policy rules: fix these rules:` + "\n" + `  {dir}/p.rego:3: rule deny yields true instead of a set of messages; write "deny contains msg if { ... }"`,
		},
		{
			name:    "network access",
			files:   map[string]string{"p.rego": "package main\n\ndeny contains msg if {\n\tmsg := http.send({\"method\": \"GET\", \"url\": \"http://127.0.0.1:1\"}).body\n}\n"},
			wantErr: "compile policies: {dir}/p.rego:4: rego_type_error: call to http.send rejected: network access is disabled in berth policies, so a rule can read only the input document and data",
		},
		{
			name:    "no matching namespace",
			files:   map[string]string{"p.rego": "package compose\n\ndeny contains \"x\" if false\n"},
			wantErr: "no policy package matches namespace main: the policies define compose; select packages with -n/--namespace or use --all-namespaces",
		},
		{
			name:    "missing data",
			files:   map[string]string{"p.rego": "package main\n"},
			opts:    Options{Data: []string{"{dir}/nothing"}},
			wantErr: "load data: data path {dir}/nothing not found: pass an existing file or directory",
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, tt.files)
			opts := tt.opts
			opts.Policies = []string{dir}
			for i, d := range opts.Data {
				opts.Data[i] = replaceDir(d, dir)
			}

			_, err := New(context.Background(), opts)

			require.EqualError(t, err, replaceDir(tt.wantErr, dir))
		})
	}
}

func TestEngineTestWrongShape(t *testing.T) {
	dir := writeFiles(t, map[string]string{"p.rego": "package main\n\ndeny contains 42 if true\n"})
	engine, err := New(context.Background(), Options{Policies: []string{dir}})
	require.NoError(t, err)

	_, err = engine.Test(context.Background(), testDocument(), "dev")

	require.EqualError(t, err, "read rule data.main.deny: result 42 is neither a string nor an object with msg")
}

// severalBodiesPolicy defines deny in several bodies, some of which return
// results without a file, and warn in one body.
const severalBodiesPolicy = `package main

deny contains "plain string" if {
	input.berth == "input/v1"
}

# METADATA
# title: One message per project
deny contains msg if {
	some project in input.projects
	msg := sprintf("project %s", [project.name])
}

deny contains {"msg": "object without a location", "tags": {"b", "a"}} if true

deny contains {"msg": "line without a file", "_loc": {"line": 3}} if true

deny contains {"msg": "with a location", "_loc": {"file": "app/compose.yaml", "line": 4, "column": 3}} if true

warn contains "single body" if true
`

func TestEngineTestRuleLocations(t *testing.T) {
	policies := writeFiles(t, map[string]string{
		"several.rego":    severalBodiesPolicy,
		"more/other.rego": "package main\n\n\ndeny contains msg if {\n\tsome project in input.projects\n\tcount(project.services) == 0\n\tmsg := sprintf(\"%s is empty\", [project.name])\n}\n",
	})
	engine, err := New(context.Background(), Options{Policies: []string{policies}})
	require.NoError(t, err)

	report, err := engine.Test(context.Background(), testDocument(), "dev")
	require.NoError(t, err)

	var got []string
	for _, f := range report.Findings {
		got = append(got, input.FormatPosition(f.Location)+" "+f.RuleID+" "+f.Message)
	}
	dir := filepath.ToSlash(policies)
	assert.Equal(t, []string{
		dir + "/more/other.rego:4:1 main.deny empty is empty",
		dir + "/several.rego:3:1 main.deny plain string",
		dir + "/several.rego:9:1 main.deny project app",
		dir + "/several.rego:9:1 main.deny project empty",
		dir + "/several.rego:14:1 main.deny object without a location",
		dir + "/several.rego:16:1 main.deny line without a file",
		dir + "/several.rego:20:1 main.warn single body",
		"app/compose.yaml:4:3 main.deny with a location",
	}, got)
}
