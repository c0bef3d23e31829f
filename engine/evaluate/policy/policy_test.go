package policy

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeFiles writes files (slash paths relative to dir) and returns dir.
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

func TestLoadSkipsTestsAndOtherFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"compose.rego":        "package main\n\ndeny contains \"x\" if false\n",
		"compose_test.rego":   "package main_test\n\ntest_x if true\n",
		"notes/data.json":     `{"a": 1}`,
		"nested/images.rego":  "package main.images\n\nwarn contains \"y\" if false\n",
		"nested/README.md":    "# policies\n",
		"nested/images.rego~": "not rego",
	})

	tests := []struct {
		name      string
		withTests bool
		want      []string
	}{
		{name: "without tests", withTests: false, want: []string{"compose.rego", "nested/images.rego"}},
		{name: "with tests", withTests: true, want: []string{"compose.rego", "compose_test.rego", "nested/images.rego"}},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, err := Load([]string{dir}, tt.withTests)
			require.NoError(t, err)

			var names []string
			for _, f := range files {
				rel, err := filepath.Rel(dir, f.Name)
				require.NoError(t, err)
				names = append(names, filepath.ToSlash(rel))
				assert.Equal(t, dir, f.Root)
				assert.NotEmpty(t, f.Raw)
			}
			assert.Equal(t, tt.want, names)
		})
	}
}

func TestLoadReportsEveryFailingFile(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.rego":    "package a\n\ndeny contains msg if {\n",
		"b.rego":    "package b\n\ndeny contains msg if {\n",
		"good.rego": "package good\n",
	})
	missing := filepath.Join(dir, "missing")

	_, err := Load([]string{dir, missing}, false)
	require.Error(t, err)

	var list *ListError
	require.ErrorAs(t, err, &list)
	assert.Equal(t, "load policies", list.Step)
	require.Len(t, list.Errs, 3)
	assert.Contains(t, list.Errs[0].Error(), filepath.Join(dir, "a.rego")+":4: rego_parse_error")
	assert.Contains(t, list.Errs[1].Error(), filepath.Join(dir, "b.rego")+":4: rego_parse_error")
	assert.Equal(t, "policy path "+missing+" not found: pass an existing file or directory", list.Errs[2].Error())
	assert.Contains(t, err.Error(), "load policies: fix these 3 errors:\n  ")
}

func TestLoadEmptyDirectory(t *testing.T) {
	dir := writeFiles(t, map[string]string{"README.md": "none"})

	_, err := Load([]string{dir}, false)

	require.EqualError(t, err, "load policies: no .rego files found in "+dir)
}

func TestCompileRejectsRestrictedBuiltins(t *testing.T) {
	tests := []struct {
		name    string
		call    string
		message string
	}{
		{
			name:    "http.send",
			call:    `http.send({"method": "GET", "url": "http://127.0.0.1:1"})`,
			message: "call to http.send rejected: network access is disabled in berth policies, so a rule can read only the input document and data",
		},
		{
			name:    "net.lookup_ip_addr",
			call:    `net.lookup_ip_addr("localhost")`,
			message: "call to net.lookup_ip_addr rejected: network access is disabled in berth policies, so a rule can read only the input document and data",
		},
		{
			name:    "opa.runtime",
			call:    `opa.runtime()`,
			message: "call to opa.runtime rejected: berth policies cannot read the process environment, which may hold CI secrets, so a rule can read only the input document and data",
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{
				"net.rego": "package user.net\n\ndeny contains msg if {\n\tx := " + tt.call + "\n\tmsg := sprintf(\"%v\", [x])\n}\n",
			})
			files, err := Load([]string{dir}, false)
			require.NoError(t, err)

			_, err = Compile(files.Modules(), false)

			require.EqualError(t, err, "compile policies: "+filepath.Join(dir, "net.rego")+":4: rego_type_error: "+tt.message)
		})
	}
}

func TestCompileKeepsOtherErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.rego": "package a\n\ndeny contains msg if {\n\tmsg := no_such_function(1)\n}\n",
		"b.rego": "package b\n\ndeny contains msg if {\n\tmsg := http.send({})\n}\n",
	})
	files, err := Load([]string{dir}, false)
	require.NoError(t, err)

	_, err = Compile(files.Modules(), false)

	var list *ListError
	require.ErrorAs(t, err, &list)
	require.Len(t, list.Errs, 2)
	assert.Equal(t, filepath.Join(dir, "a.rego")+":4: rego_type_error: undefined function no_such_function", list.Errs[0].Error())
	assert.Equal(t, filepath.Join(dir, "b.rego")+":4: rego_type_error: call to http.send rejected: network access is disabled in berth policies, so a rule can read only the input document and data", list.Errs[1].Error())
}

func TestCheckUser(t *testing.T) {
	tests := []struct {
		name    string
		content string
		wantErr string
	}{
		{
			name:    "berth rule with id",
			content: "# METADATA\n# custom:\n#   id: TEAM-1\npackage berth.rules.team\n",
		},
		{
			name:    "conftest package",
			content: "package main\n",
		},
		{
			name:    "library extension",
			content: "package berth.lib.team\n",
		},
		{
			name:    "berth rule without id",
			content: "# METADATA\n# title: Team rule\npackage berth.rules.team\n",
			wantErr: `policy.rego:3: package data.berth.rules.team has no custom.id in its METADATA: berth rules need one as their rule id, for example "# custom:" then "#   id: TEAM-1"`,
		},
		{
			name:    "nested berth rule",
			content: "# METADATA\n# custom:\n#   id: TEAM-1\npackage berth.rules.team.compose\n",
			wantErr: "policy.rego:4: package data.berth.rules.team.compose is not gathered: berth rules are packages data.berth.rules.<name>, one level below data.berth.rules; move the package, or use another namespace for conftest-style rules",
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"policy.rego": tt.content})
			files, err := Load([]string{dir}, false)
			require.NoError(t, err)

			err = CheckUser(files)

			if tt.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.EqualError(t, err, "check policies: "+filepath.Join(dir, tt.wantErr))
		})
	}
}

func TestLoadData(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"images.yaml":           "allowed:\n  - python\n",
		"exceptions/list.json":  `{"services": ["watchtower"]}`,
		"exceptions/notes.txt":  "ignored",
		"exceptions/rules.rego": "package ignored\n",
	})

	data, err := LoadData([]string{dir})

	require.NoError(t, err)
	assert.Equal(t, map[string]any{
		"allowed":    []any{"python"},
		"exceptions": map[string]any{"services": []any{"watchtower"}},
	}, data)
}

func TestLoadDataErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{"bad.json": "{"})
	missing := filepath.Join(dir, "missing")

	tests := []struct {
		name    string
		paths   []string
		wantErr string
	}{
		{name: "missing path", paths: []string{missing}, wantErr: "load data: data path " + missing + " not found: pass an existing file or directory"},
		{name: "invalid JSON", paths: []string{filepath.Join(dir, "bad.json")}, wantErr: "load data: " + filepath.Join(dir, "bad.json")},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadData(tt.paths)

			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
}

func TestBuiltinAndLibraryParse(t *testing.T) {
	builtin, err := Builtin(false)
	require.NoError(t, err)
	library, err := Library(true)
	require.NoError(t, err)

	assert.NotEmpty(t, builtin)
	assert.Contains(t, names(builtin), "policies/docker_socket/docker_socket.rego")
	assert.NotContains(t, names(builtin), "policies/docker_socket/docker_socket_test.rego")
	assert.Contains(t, names(library), "rego/berth/main/main.rego")
}

func names(files Files) []string {
	out := make([]string, 0, len(files))
	for _, f := range files {
		out = append(out, f.Name)
	}

	return out
}
