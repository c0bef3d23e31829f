package bundle_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/bundle"
	"github.com/berth-policy/berth/engine/evaluate"
	"github.com/berth-policy/berth/engine/evaluate/policy"
	"github.com/berth-policy/berth/engine/input"
)

const customSocketBacklog = `backlog "test" {
  version = "1"
}

item "C-6" {
  params = {
    socket_paths = ["/custom/docker.sock"]
  }
}
`

const userPolicy = `package user.compose

deny contains {"msg": sprintf("%s has no healthcheck", [service.name]), "_loc": service.location} if {
	some project in input.projects
	some service in project.services
	not service.healthcheck
}
`

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()

	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}

	return dir
}

func moduleNames(t *testing.T, opts bundle.Options) []string {
	t.Helper()

	b, err := bundle.Build(context.Background(), opts)
	require.NoError(t, err)

	var names []string
	for _, m := range b.Modules {
		names = append(names, m.Path)
	}

	return names
}

func TestBuildBuiltin(t *testing.T) {
	b, err := bundle.Build(context.Background(), bundle.Options{Version: "1.2.3"})
	require.NoError(t, err)

	assert.Equal(t, []string{"berth"}, *b.Manifest.Roots)
	assert.Regexp(t, `^1\.2\.3\+[0-9a-f]{16}$`, b.Manifest.Revision)
	assert.Equal(t, 1, *b.Manifest.RegoVersion)
	assert.Equal(t, map[string]any{"berth_version": "1.2.3"}, b.Manifest.Metadata)
	assert.Equal(t, map[string]any{"berth": map[string]any{"backlog": map[string]any{"items": map[string]any{}}}}, b.Data)

	names := moduleNames(t, bundle.Options{Version: "1.2.3"})
	assert.Contains(t, names, "policies/docker_socket/docker_socket.rego")
	assert.Contains(t, names, "rego/berth/main/main.rego")
	assert.Contains(t, names, "rego/berth/lib/config.rego")
	for _, name := range names {
		assert.False(t, strings.HasSuffix(name, "_test.rego"), "test file %s in the bundle", name)
	}
}

func TestBuildUserPolicies(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"compose.rego":        userPolicy,
		"images/images.rego":  "package user.compose.images\n\nwarn contains \"x\" if false\n",
		"main.rego":           "package main\n\ndeny contains \"y\" if false\n",
		"team.rego":           "# METADATA\n# custom:\n#   id: TEAM-1\npackage berth.rules.team\n\ndeny contains x if {\n\tx := {\"rule\": \"TEAM-1\", \"msg\": \"m\", \"location\": {}}\n\tfalse\n}\n",
		"compose_test.rego":   "package user.compose_test\n",
		"notes/not-rego.yaml": "a: 1\n",
	})

	b, err := bundle.Build(context.Background(), bundle.Options{Version: "dev", Policies: []string{dir}})
	require.NoError(t, err)

	assert.Equal(t, []string{"berth", "main", "user/compose"}, *b.Manifest.Roots)

	base := filepath.Base(dir)
	names := moduleNames(t, bundle.Options{Version: "dev", Policies: []string{dir}})
	var user []string
	for _, name := range names {
		if strings.HasPrefix(name, "user/") {
			user = append(user, name)
		}
	}
	assert.Equal(t, []string{
		"user/" + base + "/compose.rego",
		"user/" + base + "/images/images.rego",
		"user/" + base + "/main.rego",
		"user/" + base + "/team.rego",
	}, user)
}

func TestBuildBacklogParams(t *testing.T) {
	dir := writeFiles(t, map[string]string{"berth.hcl": customSocketBacklog})

	b, err := bundle.Build(context.Background(), bundle.Options{Version: "dev", Backlog: filepath.Join(dir, "berth.hcl")})
	require.NoError(t, err)

	items := b.Data["berth"].(map[string]any)["backlog"].(map[string]any)["items"].(map[string]any)
	assert.Equal(t, map[string]any{"params": map[string]any{"socket_paths": []any{"/custom/docker.sock"}}}, items["C-6"])
	assert.Equal(t, map[string]any{"params": map[string]any{}}, items["C-1"])
}

func TestBuildBacklogErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{"berth.hcl": "item \"C-99\" {\n  status = \"open\"\n}\n\nitem \"C-6\" {\n  params = {\n    no_such_param = 1\n  }\n}\n"})
	file := filepath.Join(dir, "berth.hcl")

	_, err := bundle.Build(context.Background(), bundle.Options{Version: "dev", Backlog: file})

	var list *policy.ListError
	require.ErrorAs(t, err, &list)
	assert.Equal(t, "load backlog "+file, list.Step)
	require.Len(t, list.Errs, 2)
	assert.True(t, strings.HasPrefix(list.Errs[0].Error(), filepath.ToSlash(file)+`:1:6: unknown rule id "C-99"`), list.Errs[0].Error())
	assert.True(t, strings.HasPrefix(list.Errs[1].Error(), filepath.ToSlash(file)+`:7:5: `), list.Errs[1].Error())
}

func TestBuildIsDeterministic(t *testing.T) {
	dir := writeFiles(t, map[string]string{"compose.rego": userPolicy, "berth.hcl": customSocketBacklog})
	opts := bundle.Options{Version: "dev", Policies: []string{dir}, Backlog: filepath.Join(dir, "berth.hcl")}

	write := func(opts bundle.Options) (string, []byte) {
		b, err := bundle.Build(context.Background(), opts)
		require.NoError(t, err)
		var buf bytes.Buffer
		require.NoError(t, bundle.Write(&buf, b))

		return b.Manifest.Revision, buf.Bytes()
	}

	revision1, bytes1 := write(opts)
	revision2, bytes2 := write(opts)
	assert.Equal(t, revision1, revision2)
	assert.Equal(t, bytes1, bytes2)

	builtinRevision, _ := write(bundle.Options{Version: "dev"})
	assert.NotEqual(t, revision1, builtinRevision)
}

// socketDocument has a service that mounts /custom/docker.sock, which only
// the parameters of customSocketBacklog make a Docker socket.
func socketDocument() input.Document {
	return input.Document{
		Version: input.Version,
		Projects: []input.Project{{
			Name:  "app",
			Files: []string{"app/compose.yaml"},
			Services: []input.Service{{
				Name:        "agent",
				Active:      true,
				Location:    input.Location{File: "app/compose.yaml", Line: 3, Column: 3},
				Healthcheck: &input.Healthcheck{},
				Volumes: []input.Volume{{
					Type:     "bind",
					Source:   "/custom/docker.sock",
					Target:   "/var/run/docker.sock",
					Location: input.Location{File: "app/compose.yaml", Line: 6, Column: 9},
				}},
			}},
		}},
		Dockerfiles:  map[string]input.Dockerfile{},
		Requirements: map[string]input.Requirements{},
		CIFiles:      map[string]input.CIFile{},
		Backlog:      input.Backlog{Items: map[string]input.Item{}},
		Errors:       []input.LoadError{},
	}
}

func ruleFindings(t *testing.T, eval *evaluate.Evaluator, rules ...string) []string {
	t.Helper()

	findings, err := eval.Evaluate(context.Background(), socketDocument())
	require.NoError(t, err)

	var out []string
	for _, f := range findings {
		for _, r := range rules {
			if f.RuleID == r {
				out = append(out, f.RuleID+" "+input.FormatPosition(f.Location))
			}
		}
	}

	return out
}

func TestCheckWithBundle(t *testing.T) {
	dir := writeFiles(t, map[string]string{"policy/compose.rego": userPolicy, "berth.hcl": customSocketBacklog})
	b, err := bundle.Build(context.Background(), bundle.Options{
		Version:  "dev",
		Policies: []string{filepath.Join(dir, "policy")},
		Backlog:  filepath.Join(dir, "berth.hcl"),
	})
	require.NoError(t, err)
	file := filepath.Join(dir, "berth.tar.gz")
	require.NoError(t, bundle.WriteFile(file, b))

	// Reading the bundle back checks the manifest roots against every
	// package and the data.
	loaded, err := policy.LoadBundle(file)
	require.NoError(t, err)
	assert.Equal(t, b.Manifest.Revision, loaded.Manifest.Revision)

	withBundle, err := evaluate.New(context.Background(), evaluate.WithBundle(file))
	require.NoError(t, err)
	builtin, err := evaluate.New(context.Background())
	require.NoError(t, err)

	assert.Equal(t, []string{"C-6 app/compose.yaml:6:9"}, ruleFindings(t, withBundle, "C-6", "user.compose.deny"),
		"the bundle's backlog parameters make /custom/docker.sock a socket")
	assert.Empty(t, ruleFindings(t, builtin, "C-6", "user.compose.deny"))
}

func TestCheckWithBundleDirectory(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"bundle/.manifest":         `{"revision": "hand-made", "roots": ["berth", "user"]}`,
		"bundle/rego/main.rego":    "package berth.main\n\nfindings contains f if {\n\tsome f in data.berth.rules[_].deny\n}\n",
		"bundle/user/compose.rego": "package user.compose\n\ndeny contains {\"msg\": \"socket\", \"_loc\": volume.location} if {\n\tsome volume in input.projects[_].services[_].volumes\n}\n",
	})

	eval, err := evaluate.New(context.Background(), evaluate.WithBundle(filepath.Join(dir, "bundle")))
	require.NoError(t, err)

	assert.Equal(t, []string{"user.compose.deny app/compose.yaml:6:9"}, ruleFindings(t, eval, "C-6", "user.compose.deny"))
}

func TestCheckWithMissingBundle(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.tar.gz")

	_, err := evaluate.New(context.Background(), evaluate.WithBundle(missing))

	require.EqualError(t, err, "bundle "+missing+" not found: pass a bundle file built by berth bundle build, or a bundle directory")
}
