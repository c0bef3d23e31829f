package main

import (
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestVerifyCommand(t *testing.T) {
	passing := writeTree(t, map[string]string{"user_test.rego": "package user_test\n\ntest_passes if {\n\t1 == 1\n}\n"})
	failing := writeTree(t, map[string]string{"user_test.rego": "package user_test\n\ntest_fails if {\n\t1 == 2\n}\n"})
	network := writeTree(t, map[string]string{"net_test.rego": "package net_test\n\ntest_send if {\n\thttp.send({\"method\": \"GET\", \"url\": \"http://127.0.0.1:1\"})\n}\n"})

	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{name: "built-in tests", args: nil, code: exitOK, stdout: `^PASS: (\d+)/(\d+)\n$`},
		{name: "passing user test", args: []string{passing, "--run", "user_test"}, code: exitOK, stdout: `^PASS: 1/1\n$`},
		{
			name:   "failing user test",
			args:   []string{failing, "--run", "user_test"},
			code:   exitFindings,
			stdout: `^` + regexp.QuoteMeta(filepath.Join(failing, "user_test.rego")) + `:3:\ndata\.user_test\.test_fails: FAIL \(.+\)\n-{80}\nFAIL: 1/1\n$`,
		},
		{
			name:   "verbose",
			args:   []string{passing, "--run", "user_test", "-v"},
			code:   exitOK,
			stdout: `^` + regexp.QuoteMeta(filepath.Join(passing, "user_test.rego")) + `:3:\ndata\.user_test\.test_passes: PASS \(.+\)\n-{80}\nPASS: 1/1\n$`,
		},
		{
			name:   "no test matches",
			args:   []string{"--run", "no_such_test"},
			code:   exitFindings,
			stderr: `^berth: no test matches --run "no_such_test"\n$`,
		},
		{
			name:   "network access",
			args:   []string{network},
			code:   exitError,
			stderr: `^berth: compile tests: ` + regexp.QuoteMeta(filepath.Join(network, "net_test.rego")) + `:4: rego_type_error: call to http\.send rejected: network access is disabled in berth policies, so a rule can read only the input document and data\n$`,
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := berth(t, append([]string{"verify"}, tt.args...)...)

			assert.Equal(t, tt.code, code, stderr)
			if tt.stdout != "" {
				assert.Regexp(t, tt.stdout, stdout)
			}
			if tt.stderr != "" {
				assert.Regexp(t, tt.stderr, stderr)
			}
		})
	}
}
