package report

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
)

func writeText(t *testing.T, opts Options, r finding.Report) string {
	t.Helper()

	reporter, err := New(FormatText, opts)
	require.NoError(t, err)

	var out bytes.Buffer
	require.NoError(t, reporter.Write(&out, r))

	return out.String()
}

func TestTextOutput(t *testing.T) {
	suppressed := finding.Finding{
		RuleID:      "C-2",
		Level:       finding.LevelWarning,
		Message:     "not pinned",
		Location:    input.Location{File: "a.yml", Line: 3, Column: 12},
		Suppression: &finding.Suppression{Kind: "external", Justification: "waived until Q3"},
	}

	tests := []struct {
		name   string
		opts   Options
		report finding.Report
		want   string
	}{
		{
			name: "no findings",
			want: "0 errors, 0 warnings, 0 notes in 0 files\n",
		},
		{
			name:   "suppressed hidden",
			report: finding.Report{Findings: []finding.Finding{suppressed}},
			want:   "0 errors, 0 warnings, 0 notes in 0 files (1 suppressed)\n",
		},
		{
			name:   "suppressed shown",
			opts:   Options{ShowSuppressed: true},
			report: finding.Report{Findings: []finding.Finding{suppressed}},
			want: "a.yml:3:12: warning C-2: not pinned (suppressed: waived until Q3)\n" +
				"\n" +
				"0 errors, 0 warnings, 0 notes in 0 files (1 suppressed)\n",
		},
		{
			name: "colors by level",
			opts: Options{Color: true},
			report: finding.Report{
				Findings: []finding.Finding{
					{RuleID: "C-6", Level: finding.LevelError, Message: "privileged", Location: input.Location{File: "a.yml", Line: 4, Column: 5}},
					{RuleID: "C-10", Level: finding.LevelNote, Message: "latest", Location: input.Location{File: "a.yml", Line: 2, Column: 12}},
				},
				Errors: []input.LoadError{{Location: input.Location{File: "b.yml", Line: 1}, Message: "invalid YAML"}},
			},
			want: "\x1b[1mLoad errors:\x1b[0m\n" +
				"b.yml:1: \x1b[31merror\x1b[0m: invalid YAML\n" +
				"\n" +
				"a.yml:2:12: \x1b[36mnote\x1b[0m C-10: latest\n" +
				"a.yml:4:5: \x1b[31merror\x1b[0m C-6: privileged\n" +
				"\n" +
				"1 error, 0 warnings, 1 note in 1 file; 1 load error\n",
		},
		{
			name: "multi-line message and level none",
			report: finding.Report{Findings: []finding.Finding{
				{RuleID: "C-1", Level: finding.LevelNone, Message: "first\nsecond", Location: input.Location{File: "a.yml", Line: 1}},
			}},
			want: "a.yml:1: none C-1: first\n" +
				"    second\n" +
				"\n" +
				"0 errors, 0 warnings, 0 notes, 1 with level none in 1 file\n",
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, writeText(t, tt.opts, tt.report))
		})
	}
}

func TestSummaryLine(t *testing.T) {
	tests := []struct {
		name    string
		summary summary
		want    string
	}{
		{name: "zero", want: "0 errors, 0 warnings, 0 notes in 0 files"},
		{name: "singular", summary: summary{Error: 1, Warning: 1, Note: 1, Files: 1}, want: "1 error, 1 warning, 1 note in 1 file"},
		{name: "plural with suppressed", summary: summary{Error: 3, Warning: 1, Files: 4, Suppressed: 2}, want: "3 errors, 1 warning, 0 notes in 4 files (2 suppressed)"},
		{name: "load errors", summary: summary{LoadErrors: 2}, want: "0 errors, 0 warnings, 0 notes in 0 files; 2 load errors"},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, summaryLine(tt.summary))
		})
	}
}
