package dockerfile

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/berth-policy/berth/engine/input"
)

func TestParseLoadErrors(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    input.LoadError
	}{
		{
			name:    "empty file",
			content: "",
			want:    input.LoadError{Location: input.Location{File: "Dockerfile", Line: 1, Column: 1}, Message: "the Dockerfile has no instructions; add a FROM instruction"},
		},
		{
			name:    "only a byte order mark",
			content: "\ufeff",
			want:    input.LoadError{Location: input.Location{File: "Dockerfile", Line: 1, Column: 1}, Message: "the Dockerfile has no instructions; add a FROM instruction"},
		},
		{
			name:    "only comments and blank lines",
			content: "# just a comment\n\n   \n# another\n",
			want:    input.LoadError{Location: input.Location{File: "Dockerfile", Line: 1, Column: 1}, Message: "the Dockerfile has no instructions; add a FROM instruction"},
		},
		{
			name:    "only directives",
			content: "# syntax=docker/dockerfile:1\n# escape=`\n",
			want:    input.LoadError{Location: input.Location{File: "Dockerfile", Line: 1, Column: 1}, Message: "the Dockerfile has no instructions; add a FROM instruction"},
		},
		{
			name:    "only global ARGs",
			content: "ARG VERSION=1\n",
			want:    input.LoadError{Location: input.Location{File: "Dockerfile", Line: 1, Column: 1}, Message: "the Dockerfile has no FROM instruction, so it has no build stage; add a FROM instruction"},
		},
		{
			name:    "NUL byte",
			content: "FROM alpine\nRUN a\x00b\n",
			want:    input.LoadError{Location: input.Location{File: "Dockerfile", Line: 2, Column: 6}, Message: "the file is binary (contains NUL bytes); check that the path names a Dockerfile"},
		},
		{
			name:    "UTF-16 with a byte order mark",
			content: "\xff\xfeF\x00R\x00O\x00M\x00",
			want:    input.LoadError{Location: input.Location{File: "Dockerfile", Line: 1, Column: 1}, Message: "the file is encoded as UTF-16; save it as UTF-8, the only encoding BuildKit reads"},
		},
		{
			name:    "invalid UTF-8",
			content: "FROM alpine\nRUN echo \u00e9 \xe9t\xe9\n",
			want:    input.LoadError{Location: input.Location{File: "Dockerfile", Line: 2, Column: 12}, Message: "the file is not valid UTF-8 (byte 0xE9); save it as UTF-8"},
		},
		{
			name:    "unterminated here-document",
			content: "FROM alpine\nRUN <<EOF\necho hi\n",
			want:    input.LoadError{Location: at(2, 1, 3, 8), Message: "the here-document is not terminated; end it with a line that holds only its delimiter"},
		},
		{
			name:    "repeated directive",
			content: "# escape=`\n# escape=\\\nFROM alpine\n",
			want:    input.LoadError{Location: at(2, 1, 2, 11), Message: "only one escape parser directive can be used; delete the repeated directive"},
		},
		{
			name:    "invalid escape character",
			content: "# escape=x\nFROM alpine\n",
			want:    input.LoadError{Location: at(1, 1, 1, 11), Message: "the escape directive is \"x\", but it must be ` or \\"},
		},
		{
			name:    "instruction before FROM",
			content: "RUN echo hi\nFROM alpine\n",
			want:    input.LoadError{Location: at(1, 1, 1, 12), Message: "the RUN instruction comes before the first FROM, where only ARG is allowed; start a build stage with FROM above it"},
		},
		{
			name:    "ENV without a value",
			content: "FROM alpine\nENV PATH\n",
			want:    input.LoadError{Location: at(2, 1, 2, 9), Message: "the ENV instruction has a name but no value; write it as ENV NAME=value"},
		},
		{
			name:    "ENV pair without an equals sign",
			content: "FROM alpine\nENV A=1 B\n",
			want:    input.LoadError{Location: at(2, 1, 2, 10), Message: `Syntax error - can't find = in "B". Must be of the form: name=value; write every pair as NAME=value`},
		},
		{
			name:    "JSON array with a number",
			content: "FROM alpine\nCMD [\"sleep\", 1]\n",
			want:    input.LoadError{Location: at(2, 1, 2, 17), Message: "the JSON array of this instruction holds a value that is not a string; quote every element"},
		},
		{
			name:    "line longer than BuildKit reads",
			content: "FROM alpine\nRUN " + strings.Repeat("x", maxLineBytes) + "\n",
			want:    input.LoadError{Location: input.Location{File: "Dockerfile", Line: 2, Column: 1}, Message: "line 2 is 65539 bytes long, but BuildKit reads at most 65535 bytes per line; split it with line continuations"},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := loadError(t, []byte(tt.content))

			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseLongestLine(t *testing.T) {
	line := "RUN " + strings.Repeat("x", maxLineBytes-4)
	df := mustParse(t, "FROM alpine\n"+line+"\n")

	if assert.Len(t, df.Stages[0].Instructions, 1) {
		assert.Equal(t, at(2, 1, 2, maxLineBytes+1), df.Stages[0].Instructions[0].Location)
	}
}

func TestLoadErrorFormat(t *testing.T) {
	err := loadError(t, []byte("FROM alpine\nENV PATH\n"))

	assert.Equal(t, "Dockerfile:2:1: the ENV instruction has a name but no value; write it as ENV NAME=value", err.Error())
}
