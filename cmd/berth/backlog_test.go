package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBacklogMarkdownMeasured(t *testing.T) {
	code, stdout, stderr := berth(t, "backlog", "--root", repoRoot, filepath.Join(repoRoot, "fixtures/blueprint"), "--format", "markdown")
	require.Equal(t, exitOK, code, stderr)

	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	require.GreaterOrEqual(t, len(lines), 22)
	assert.Equal(t, "| ID | Task (Condensed) | Owner Role | Priority | Status |", lines[0])
	assert.Len(t, lines[2:22], 20)

	// The blueprint violates C-6, so its box stays open.
	var socketRow string
	for _, line := range lines {
		if strings.HasPrefix(line, "| C-6 ") {
			socketRow = line
		}
	}
	assert.Equal(t, "| C-6 | Replace RW docker.sock with docker-proxy sidecar | Security | P0 | - [ ] |", socketRow)
}

func TestBacklogJSON(t *testing.T) {
	code, stdout, stderr := berth(t, "backlog", "--root", repoRoot, filepath.Join(repoRoot, "fixtures/blueprint"), "--format", "json")
	require.Equal(t, exitOK, code, stderr)

	var statuses []struct {
		ID       string `json:"id"`
		Declared string `json:"declared_status"`
		Findings int    `json:"findings"`
		Action   string `json:"action"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &statuses))
	require.Len(t, statuses, 20)
	assert.Equal(t, "C-1", statuses[0].ID)
	assert.Equal(t, "C-20", statuses[19].ID)

	for _, s := range statuses {
		if s.ID == "C-6" {
			assert.Equal(t, "open", s.Declared)
			assert.Positive(t, s.Findings)
			assert.Equal(t, "fix", s.Action)
		}
	}
}

func TestBacklogImportLoads(t *testing.T) {
	table := filepath.Join(repoRoot, "engine", "backlog", "testdata", "action-backlog.md")
	out := filepath.Join(t.TempDir(), "berth.hcl")

	code, _, stderr := berth(t, "backlog", "import", table, "-o", out)
	require.Equal(t, exitOK, code, stderr)

	hcl, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, string(hcl), `item "C-20"`)

	// The imported file is a valid backlog: checking a stack with it
	// reports no load error.
	code, stdout, stderr := berth(t, "check", "--root", repoRoot, filepath.Join(repoRoot, "fixtures/blueprint"), "--backlog", out, "--format", "json", "--fail-on", "never")
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, `"load_errors": 0`)
}

func TestExplainPrintsPage(t *testing.T) {
	code, stdout, _ := berth(t, "explain", "c-6")

	assert.Equal(t, exitOK, code)
	assert.True(t, strings.HasPrefix(stdout, "# C-6: "), stdout)
}

func TestExplainUnknownRule(t *testing.T) {
	code, _, stderr := berth(t, "explain", "C-99")

	assert.Equal(t, exitError, code)
	assert.Contains(t, stderr, `rule "C-99" not found: use one of C-1, C-2`)
}

func TestExplainByName(t *testing.T) {
	code, stdout, _ := berth(t, "explain", "plaintext-secrets")

	assert.Equal(t, exitOK, code)
	assert.True(t, strings.HasPrefix(stdout, "# C-13: "), stdout)
}
