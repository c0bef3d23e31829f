package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBundleBuildAndCheck(t *testing.T) {
	stack := writeTree(t, map[string]string{"compose.yaml": socketCompose})
	policies := writeTree(t, map[string]string{"main.rego": healthcheckPolicy})
	file := filepath.Join(t.TempDir(), "berth.tar.gz")

	code, stdout, stderr := berth(t, "bundle", "build", "-o", file, "-p", policies)
	require.Equal(t, exitOK, code, stderr)
	assert.Regexp(t, `^wrote `+regexp.QuoteMeta(file)+`: \d+ modules, revision `+regexp.QuoteMeta(version)+`\+[0-9a-f]{16}\n$`, stdout)

	code, withBundle, stderr := berth(t, "check", "--root", stack, stack, "--format", "json", "--bundle", file)
	require.Equal(t, exitFindings, code, stderr)
	code, withPolicies, stderr := berth(t, "check", "--root", stack, stack, "--format", "json", "-p", policies)
	require.Equal(t, exitFindings, code, stderr)

	// A string result points at its rule head: with -p in the file as
	// given, and with the bundle in the module under user/<directory>/.
	var want []string
	for _, f := range jsonFindings(t, withPolicies) {
		want = append(want, strings.ReplaceAll(f, filepath.ToSlash(policies)+"/", "/user/"+filepath.Base(policies)+"/"))
	}
	assert.Equal(t, want, jsonFindings(t, withBundle))
	assert.Contains(t, jsonFindings(t, withBundle), "main.deny_healthcheck error compose.yaml:2:3")
	assert.Contains(t, jsonFindings(t, withBundle), "main.warn_latest error /user/"+filepath.Base(policies)+"/main.rego:9:1")
}

func TestBundleBuildErrors(t *testing.T) {
	network := writeTree(t, map[string]string{"net.rego": networkPolicy})
	backlog := writeTree(t, map[string]string{"berth.hcl": "item \"C-99\" {\n  status = \"open\"\n}\n"})
	out := filepath.Join(t.TempDir(), "berth.tar.gz")

	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{
			name:   "output missing",
			args:   nil,
			stderr: `^berth: required flag\(s\) "output" not set\n$`,
		},
		{
			name:   "network access",
			args:   []string{"-o", out, "-p", network},
			stderr: `^berth: compile policies: ` + regexp.QuoteMeta(filepath.Join(network, "net.rego")) + `:4: rego_type_error: call to http\.send rejected: network access is disabled in berth policies`,
		},
		{
			name:   "invalid backlog",
			args:   []string{"-o", out, "--backlog", filepath.Join(backlog, "berth.hcl")},
			stderr: `^berth: load backlog ` + regexp.QuoteMeta(filepath.Join(backlog, "berth.hcl")) + `: ` + regexp.QuoteMeta(filepath.ToSlash(filepath.Join(backlog, "berth.hcl"))) + `:1:6: unknown rule id "C-99"`,
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := berth(t, append([]string{"bundle", "build"}, tt.args...)...)

			assert.Equal(t, exitError, code)
			assert.Regexp(t, tt.stderr, stderr)
			assert.NoFileExists(t, out)
		})
	}
}

func TestCheckMissingBundle(t *testing.T) {
	stack := writeTree(t, map[string]string{"compose.yaml": socketCompose})
	missing := filepath.Join(stack, "none.tar.gz")

	code, _, stderr := berth(t, "check", "--root", stack, stack, "--bundle", missing)

	assert.Equal(t, exitError, code)
	assert.Equal(t, "berth: bundle "+missing+" not found: pass a bundle file built by berth bundle build, or a bundle directory\n", stderr)
}
