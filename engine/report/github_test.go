package report

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
)

func TestEscapeData(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "plain", in: "service web runs privileged", want: "service web runs privileged"},
		{name: "percent first", in: "100%0A", want: "100%250A"},
		{name: "line breaks", in: "one\r\ntwo\nthree", want: "one%0D%0Atwo%0Athree"},
		{name: "colons and commas kept", in: "a: b, c", want: "a: b, c"},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, escapeData(tt.in))
		})
	}
}

func TestEscapeProperty(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "plain", in: "docker-compose.yml", want: "docker-compose.yml"},
		{name: "space and umlaut kept", in: "prod stack/düsseldorf.yml", want: "prod stack/düsseldorf.yml"},
		{name: "colon", in: "a:b.yml", want: "a%3Ab.yml"},
		{name: "comma", in: "a,b.yml", want: "a%2Cb.yml"},
		{name: "percent and line feed", in: "50%\n", want: "50%25%0A"},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, escapeProperty(tt.in))
		})
	}
}

func TestGitHubCommands(t *testing.T) {
	tests := []struct {
		name    string
		finding finding.Finding
		want    string
	}{
		{
			name:    "one-line range",
			finding: finding.Finding{RuleID: "C-6", Level: finding.LevelError, Message: "privileged", Location: input.Location{File: "a.yml", Line: 4, Column: 5, EndLine: 4, EndColumn: 21}},
			want:    "::error file=a.yml,line=4,col=5,endColumn=21,title=C-6::privileged\n",
		},
		{
			name:    "range over lines drops columns",
			finding: finding.Finding{RuleID: "C-14", Level: finding.LevelWarning, Message: "secret", Location: input.Location{File: "a.yml", Line: 9, Column: 5, EndLine: 10, EndColumn: 33}},
			want:    "::warning file=a.yml,line=9,endLine=10,title=C-14::secret\n",
		},
		{
			name:    "line only",
			finding: finding.Finding{RuleID: "C-11", Level: finding.LevelNote, Message: "root", Location: input.Location{File: "Dockerfile", Line: 5}},
			want:    "::notice file=Dockerfile,line=5,title=C-11::root\n",
		},
		{
			name:    "file only",
			finding: finding.Finding{RuleID: "C-1", Level: finding.LevelNone, Message: "info", Location: input.Location{File: "a.yml"}},
			want:    "::notice file=a.yml,title=C-1::info\n",
		},
		{
			name:    "escaped message and file",
			finding: finding.Finding{RuleID: "C-6", Level: finding.LevelError, Message: "100%\nsure", Location: input.Location{File: "a,b:c.yml", Line: 1}},
			want:    "::error file=a%2Cb%3Ac.yml,line=1,title=C-6::100%25%0Asure\n",
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reporter, err := New(FormatGitHub, Options{})
			require.NoError(t, err)

			var out bytes.Buffer
			require.NoError(t, reporter.Write(&out, finding.Report{Findings: []finding.Finding{tt.finding}}))
			assert.Equal(t, tt.want, out.String())
		})
	}
}

func TestGitHubSuppressed(t *testing.T) {
	report := finding.Report{Findings: []finding.Finding{{
		RuleID:      "C-2",
		Level:       finding.LevelWarning,
		Message:     "not pinned",
		Location:    input.Location{File: "a.yml", Line: 3},
		Suppression: &finding.Suppression{Kind: "external", Justification: "waived, until Q3"},
	}}}

	tests := []struct {
		name           string
		showSuppressed bool
		want           string
	}{
		{name: "hidden", want: ""},
		{name: "shown as notice", showSuppressed: true, want: "::notice file=a.yml,line=3,title=C-2::not pinned (suppressed: waived, until Q3)\n"},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reporter, err := New(FormatGitHub, Options{ShowSuppressed: tt.showSuppressed})
			require.NoError(t, err)

			var out bytes.Buffer
			require.NoError(t, reporter.Write(&out, report))
			assert.Equal(t, tt.want, out.String())
		})
	}
}
