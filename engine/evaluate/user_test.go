package evaluate_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/evaluate"
	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
)

const berthStylePolicy = `# METADATA
# title: Team images come from the team registry
# custom:
#   id: TEAM-1
#   priority: P1
package berth.rules.team_registry

import data.berth.lib.result

deny contains finding if {
	some project in input.projects
	some service in project.services
	not startswith(service.image.value, "registry.team/")
	finding := result.fail_service(rego.metadata.chain(), sprintf("%s uses another registry", [service.name]), service.image.location, service.name)
}
`

const conftestStylePolicy = `package user.compose

deny contains {"msg": sprintf("%s has no healthcheck", [service.name]), "_loc": service.location} if {
	some project in input.projects
	some service in project.services
	not service.healthcheck
}

deny_latest contains {"msg": "latest tag", "_loc": service.image.location} if {
	some project in input.projects
	some service in project.services
	endswith(service.image.value, ":latest")
}

warn contains sprintf("%s has no container name", [service.name]) if {
	some project in input.projects
	some service in project.services
	not service.container_name
}

exception contains rules if {
	some project in input.projects
	project.name == "legacy"
	rules := ["latest"]
}
`

func writePolicies(t *testing.T, files map[string]string) string {
	t.Helper()

	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}

	return dir
}

// userDocument has one service with an image from Docker Hub, tagged
// latest, with no healthcheck and no container name.
func userDocument(projectName string) input.Document {
	return input.Document{
		Version: input.Version,
		Projects: []input.Project{{
			Name:  projectName,
			Files: []string{"app/compose.yaml"},
			Services: []input.Service{{
				Name:     "web",
				Active:   true,
				Location: input.Location{File: "app/compose.yaml", Line: 3, Column: 3},
				Image:    &input.Scalar{Value: "nginx:latest", Location: input.Location{File: "app/compose.yaml", Line: 4, Column: 12}},
			}},
		}},
		Dockerfiles:  map[string]input.Dockerfile{},
		Requirements: map[string]input.Requirements{},
		CIFiles:      map[string]input.CIFile{},
		Backlog:      input.Backlog{Items: map[string]input.Item{}},
		Errors:       []input.LoadError{},
	}
}

// userFindings returns "rule file:line" of the findings of rules that are
// not built in, whose ids do not start with C-.
func userFindings(findings []evaluate.Finding) []string {
	var out []string
	for _, f := range findings {
		if strings.HasPrefix(f.RuleID, "C-") {
			continue
		}
		out = append(out, f.RuleID+" "+input.FormatPosition(f.Location)+" "+f.Message)
	}

	return out
}

func TestEvaluateUserPolicies(t *testing.T) {
	dir := writePolicies(t, map[string]string{
		"team/registry.rego": berthStylePolicy,
		"compose.rego":       conftestStylePolicy,
		"compose_test.rego":  "package user.compose_test\n\ntest_broken if {\n\tundefined_function(1)\n}\n",
	})

	tests := []struct {
		name    string
		project string
		want    []string
	}{
		{
			name:    "every rule",
			project: "app",
			want: []string{
				"user.compose.warn {dir}/compose.rego:15:1 web has no container name",
				"user.compose.deny app/compose.yaml:3:3 web has no healthcheck",
				"TEAM-1 app/compose.yaml:4:12 web uses another registry",
				"user.compose.deny_latest app/compose.yaml:4:12 latest tag",
			},
		},
		{
			name:    "exception drops deny_latest",
			project: "legacy",
			want: []string{
				"user.compose.warn {dir}/compose.rego:15:1 web has no container name",
				"user.compose.deny app/compose.yaml:3:3 web has no healthcheck",
				"TEAM-1 app/compose.yaml:4:12 web uses another registry",
			},
		},
	}

	eval, err := evaluate.New(context.Background(), evaluate.WithPolicies(dir))
	require.NoError(t, err)

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			findings, err := eval.Evaluate(context.Background(), userDocument(tt.project))

			require.NoError(t, err)
			want := make([]string, 0, len(tt.want))
			for _, line := range tt.want {
				want = append(want, strings.ReplaceAll(line, "{dir}", filepath.ToSlash(dir)))
			}
			assert.Equal(t, want, userFindings(findings))
		})
	}
}

func TestRulesDescribeUserPolicies(t *testing.T) {
	dir := writePolicies(t, map[string]string{"team.rego": berthStylePolicy, "compose.rego": conftestStylePolicy})

	eval, err := evaluate.New(context.Background(), evaluate.WithPolicies(dir))
	require.NoError(t, err)

	var got []finding.Rule
	for _, r := range eval.Rules() {
		if !strings.HasPrefix(r.ID, "C-") {
			got = append(got, r)
		}
	}
	assert.Equal(t, []finding.Rule{
		{ID: "TEAM-1", Title: "Team images come from the team registry", Priority: "P1", Level: finding.LevelError, Tags: []string{}},
		{ID: "user.compose.deny", Name: "deny", Title: "user.compose.deny", Level: finding.LevelError, Tags: []string{}},
		{ID: "user.compose.deny_latest", Name: "deny_latest", Title: "user.compose.deny_latest", Level: finding.LevelError, Tags: []string{}},
		{ID: "user.compose.warn", Name: "warn", Title: "user.compose.warn", Priority: "P2", Level: finding.LevelWarning, Tags: []string{}},
	}, got)

	ids := map[string]bool{}
	for _, s := range eval.Schemas() {
		ids[s.ID] = true
	}
	assert.True(t, ids["TEAM-1"], "the backlog accepts items for berth-style user rules")
	assert.True(t, ids["user.compose.warn"], "the backlog accepts items for conftest-style user rules")
}

func TestNewWithPoliciesErrors(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		wantErr string
	}{
		{
			name:    "network access",
			files:   map[string]string{"net.rego": "package user.net\n\ndeny contains msg if {\n\tmsg := http.send({\"method\": \"GET\", \"url\": \"http://127.0.0.1:1\"}).body\n}\n"},
			wantErr: "compile policies: {dir}/net.rego:4: rego_type_error: call to http.send rejected: network access is disabled in berth policies, so a rule can read only the input document and data",
		},
		{
			name:    "berth rule without id",
			files:   map[string]string{"team.rego": "package berth.rules.team\n\ndeny contains \"x\" if false\n"},
			wantErr: `check policies: {dir}/team.rego:1: package data.berth.rules.team has no custom.id in its METADATA: berth rules need one as their rule id, for example "# custom:" then "#   id: TEAM-1"`,
		},
		{
			name: "two files that do not parse",
			files: map[string]string{
				"a.rego": "package a\n\ndeny contains msg if {\n",
				"b.rego": "package b\n\nwarn contains msg if {\n",
			},
			wantErr: "load policies: fix these 2 errors:\n  {dir}/a.rego:4: rego_parse_error: unexpected eof token\n  \tdeny contains msg if {\n  \t                     ^\n  {dir}/b.rego:4: rego_parse_error: unexpected eof token\n  \twarn contains msg if {\n  \t                     ^",
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writePolicies(t, tt.files)

			_, err := evaluate.New(context.Background(), evaluate.WithPolicies(dir))

			require.EqualError(t, err, strings.ReplaceAll(tt.wantErr, "{dir}", dir))
		})
	}
}

func TestEvaluateBerthRuleOfWrongShape(t *testing.T) {
	dir := writePolicies(t, map[string]string{
		"team.rego": "# METADATA\n# custom:\n#   id: TEAM-2\npackage berth.rules.team\n\ndeny contains \"a string\" if true\n",
	})
	eval, err := evaluate.New(context.Background(), evaluate.WithPolicies(dir))
	require.NoError(t, err)

	_, err = eval.Evaluate(context.Background(), userDocument("app"))

	require.Error(t, err)
	assert.Contains(t, err.Error(), "read findings: a rule under data.berth.rules returned a finding of the wrong shape; build findings with data.berth.lib.result.fail: ")
}

func TestNewFromFS(t *testing.T) {
	fsys := fstest.MapFS{
		"only/only.rego": {Data: []byte(`# METADATA
# title: Every service
# custom:
#   id: X-1
#   priority: P3
package berth.rules.only

import data.berth.lib.result

deny contains finding if {
	some project in input.projects
	some service in project.services
	finding := result.fail(rego.metadata.chain(), service.name, service.location)
}
`)},
	}

	eval, err := evaluate.NewFromFS(context.Background(), fsys)
	require.NoError(t, err)
	findings, err := eval.Evaluate(context.Background(), userDocument("app"))
	require.NoError(t, err)

	assert.Equal(t, []evaluate.Finding{{RuleID: "X-1", Message: "web", Location: input.Location{File: "app/compose.yaml", Line: 3, Column: 3}}}, findings)
	assert.Equal(t, []finding.Rule{{ID: "X-1", Title: "Every service", Priority: "P3", Level: finding.LevelNote, Tags: []string{}}}, eval.Rules())
}
