package baseline

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
	"github.com/berth-policy/berth/engine/report"
)

func writeSARIF(t *testing.T, root string, findings []finding.Finding) string {
	t.Helper()

	r, err := report.New("sarif", report.Options{Root: root})
	require.NoError(t, err)

	var buf bytes.Buffer
	require.NoError(t, r.Write(&buf, finding.Report{ToolVersion: "1.0.0", Findings: findings}))

	path := filepath.Join(t.TempDir(), "baseline.sarif")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))

	return path
}

func TestApplyMatchesMovedLines(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "compose.yaml")
	before := "services:\n  agent:\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n"
	require.NoError(t, os.WriteFile(file, []byte(before), 0o644))

	old := finding.Finding{RuleID: "C-6", Level: finding.LevelError, Message: "socket", Location: input.Location{File: "compose.yaml", Line: 4, Column: 9}}
	b, err := Load(writeSARIF(t, root, []finding.Finding{old}))
	require.NoError(t, err)

	// Two lines added above the mount move the finding to line 6. The
	// fingerprint covers the line and the text after it, so the finding on
	// the unchanged line still matches while one on another line does not.
	after := "# stack\n\n" + before
	require.NoError(t, os.WriteFile(file, []byte(after), 0o644))

	moved := old
	moved.Location.Line = 6
	added := finding.Finding{RuleID: "C-6", Level: finding.LevelError, Message: "socket", Location: input.Location{File: "compose.yaml", Line: 5, Column: 5}}
	otherRule := moved
	otherRule.RuleID = "C-10"

	got := b.Apply(root, []finding.Finding{moved, added, otherRule})

	assert.Equal(t, finding.BaselineUnchanged, got[0].BaselineState)
	assert.Equal(t, finding.BaselineNew, got[1].BaselineState)
	assert.Equal(t, finding.BaselineNew, got[2].BaselineState)
	assert.False(t, got[0].Counts())
	assert.True(t, got[1].Counts())
}

func TestLoadRejectsOtherFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "baseline.sarif")
	require.NoError(t, os.WriteFile(path, []byte("not json"), 0o644))

	_, err := Load(path)
	assert.ErrorContains(t, err, "not a SARIF log")

	require.NoError(t, os.WriteFile(path, []byte(`{"findings": []}`), 0o644))
	_, err = Load(path)
	assert.ErrorContains(t, err, "not a SARIF 2.1.0 log")

	_, err = Load(filepath.Join(t.TempDir(), "missing.sarif"))
	assert.ErrorContains(t, err, "read baseline")
}
