package verify

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const userTests = `package user_test

test_passes if {
	data.limits.max == 3
}

test_fails if {
	data.limits.max == 4
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

func TestRunBuiltin(t *testing.T) {
	var out bytes.Buffer

	summary, err := Run(context.Background(), &out, Options{})

	require.NoError(t, err)
	assert.True(t, summary.OK())
	assert.Positive(t, summary.Passed)
	assert.Equal(t, 0, summary.Failed)
	assert.Equal(t, fmt.Sprintf("PASS: %d/%d\n", summary.Passed, summary.Total()), out.String())
}

func TestRunUserTests(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"policy_test.rego": userTests,
		"limits/data.json": `{"max": 3}`,
	})

	tests := []struct {
		name    string
		opts    Options
		summary Summary
		lines   []string
	}{
		{
			name:    "failures only",
			opts:    Options{Paths: []string{dir}, Run: "user_test"},
			summary: Summary{Passed: 1, Failed: 1},
			lines: []string{
				filepath.Join(dir, "policy_test.rego") + ":7:",
				`data.user_test.test_fails: FAIL \(.+\)`,
				"-{80}",
				"PASS: 1/2",
				"FAIL: 1/2",
			},
		},
		{
			name:    "verbose",
			opts:    Options{Paths: []string{dir}, Run: "user_test", Verbose: true},
			summary: Summary{Passed: 1, Failed: 1},
			lines: []string{
				filepath.Join(dir, "policy_test.rego") + ":3:",
				`data.user_test.test_passes: PASS \(.+\)`,
				filepath.Join(dir, "policy_test.rego") + ":7:",
				`data.user_test.test_fails: FAIL \(.+\)`,
			},
		},
		{
			name:    "run filter",
			opts:    Options{Paths: []string{dir}, Run: "test_passes"},
			summary: Summary{Passed: 1},
			lines:   []string{"PASS: 1/1"},
		},
		{
			name:    "no match",
			opts:    Options{Paths: []string{dir}, Run: "nothing_matches"},
			summary: Summary{},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer

			summary, err := Run(context.Background(), &out, tt.opts)

			require.NoError(t, err)
			assert.Equal(t, tt.summary, summary)
			for _, line := range tt.lines {
				assert.Regexp(t, "(?m)^"+line+"$", out.String())
			}
		})
	}
}

func TestRunCountsUserAndBuiltinTests(t *testing.T) {
	dir := writeFiles(t, map[string]string{"policy_test.rego": userTests, "limits/data.json": `{"max": 3}`})

	builtin, err := Run(context.Background(), &bytes.Buffer{}, Options{})
	require.NoError(t, err)
	summary, err := Run(context.Background(), &bytes.Buffer{}, Options{Paths: []string{dir}})
	require.NoError(t, err)

	assert.Equal(t, builtin.Passed+1, summary.Passed)
	assert.Equal(t, 1, summary.Failed)
	assert.False(t, summary.OK())
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		wantErr string
	}{
		{
			name:    "network access",
			files:   map[string]string{"net_test.rego": "package net_test\n\ntest_send if {\n\thttp.send({\"method\": \"GET\", \"url\": \"http://127.0.0.1:1\"})\n}\n"},
			wantErr: "compile tests: {dir}/net_test.rego:4: rego_type_error: call to http.send rejected: network access is disabled in berth policies, so a rule can read only the input document and data",
		},
		{
			name:    "parse error",
			files:   map[string]string{"bad_test.rego": "package bad_test\n\ntest_x if {\n"},
			wantErr: "load policies: {dir}/bad_test.rego:4: rego_parse_error: unexpected eof token\n\ttest_x if {\n\t          ^",
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, tt.files)

			_, err := Run(context.Background(), &bytes.Buffer{}, Options{Paths: []string{dir}})

			require.EqualError(t, err, replaceDir(tt.wantErr, dir))
		})
	}
}

func replaceDir(s, dir string) string {
	return strings.ReplaceAll(s, "{dir}", dir)
}
