package report

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
)

// baselineReport has one finding the baseline already had and one new.
func baselineReport() finding.Report {
	at := func(line int) input.Location { return input.Location{File: "compose.yaml", Line: line, Column: 9} }

	return finding.Report{
		ToolVersion: "1.0.0",
		Rules:       []finding.Rule{{ID: "C-6", Level: finding.LevelError}},
		Findings: []finding.Finding{
			{RuleID: "C-6", Level: finding.LevelError, Message: "old mount", Location: at(4), BaselineState: finding.BaselineUnchanged},
			{RuleID: "C-6", Level: finding.LevelError, Message: "new mount", Location: at(7), BaselineState: finding.BaselineNew},
		},
	}
}

func writeWith(t *testing.T, format string, opts Options, r finding.Report) string {
	t.Helper()

	reporter, err := New(format, opts)
	require.NoError(t, err)

	var buf bytes.Buffer
	require.NoError(t, reporter.Write(&buf, r))

	return buf.String()
}

func TestUnchangedFindingsHidden(t *testing.T) {
	root := t.TempDir()

	text := writeWith(t, FormatText, Options{Root: root}, baselineReport())
	assert.NotContains(t, text, "old mount")
	assert.Contains(t, text, "compose.yaml:7:9: error C-6: new mount")
	assert.Contains(t, text, "1 error, 0 warnings, 0 notes in 1 file (1 unchanged since the baseline)")

	github := writeWith(t, FormatGitHub, Options{Root: root}, baselineReport())
	assert.NotContains(t, github, "old mount")
	assert.Contains(t, github, "new mount")

	junit := writeWith(t, FormatJUnit, Options{Root: root}, baselineReport())
	assert.NotContains(t, junit, "old mount")
	assert.Contains(t, junit, "new mount")
}

func TestUnchangedFindingsShownOnRequest(t *testing.T) {
	opts := Options{Root: t.TempDir(), ShowSuppressed: true}

	text := writeWith(t, FormatText, opts, baselineReport())
	assert.Contains(t, text, "compose.yaml:4:9: error C-6: old mount (unchanged since the baseline)")

	github := writeWith(t, FormatGitHub, opts, baselineReport())
	assert.Contains(t, github, "::notice file=compose.yaml,line=4,col=9,title=C-6::old mount (unchanged since the baseline)")
}

func TestJUnitBelowFailOnPasses(t *testing.T) {
	r := finding.Report{
		ToolVersion: "1.0.0",
		Rules:       []finding.Rule{{ID: "C-18", Level: finding.LevelWarning}},
		Findings: []finding.Finding{
			{RuleID: "C-18", Level: finding.LevelWarning, Message: "no metrics", Location: input.Location{File: "compose.yaml", Line: 2, Column: 3}},
		},
	}

	junit := writeWith(t, FormatJUnit, Options{Root: t.TempDir(), FailOn: finding.LevelError}, r)

	assert.Contains(t, junit, `failures="0"`)
	assert.NotContains(t, junit, "<failure")
	assert.NotContains(t, junit, "<skipped")
	assert.Contains(t, junit, "compose.yaml:2:3: warning C-18: no metrics (below --fail-on error)")

	strict := writeWith(t, FormatJUnit, Options{Root: t.TempDir(), FailOn: finding.LevelWarning}, r)
	assert.Contains(t, strict, `failures="1"`)
}
