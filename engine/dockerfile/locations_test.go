package dockerfile

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/berth-policy/berth/engine/input"
)

// placed is an instruction keyword and its location.
type placed struct {
	command  string
	location input.Location
}

// placedInstructions lists every FROM and instruction of a Dockerfile in
// order.
func placedInstructions(df input.Dockerfile) []placed {
	var list []placed
	for _, stage := range df.Stages {
		list = append(list, placed{"from", stage.Location})
		for _, instruction := range stage.Instructions {
			list = append(list, placed{instruction.Command, instruction.Location})
		}
	}

	return list
}

func TestParseLocations(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    []placed
	}{
		{
			name:    "CRLF line endings",
			content: "FROM alpine\r\nRUN echo a \\\r\n  b\r\n",
			want:    []placed{{"from", at(1, 1, 1, 12)}, {"run", at(2, 1, 3, 4)}},
		},
		{
			name:    "byte order mark without directives",
			content: "\ufeffFROM alpine\nRUN true\n",
			want:    []placed{{"from", at(1, 1, 1, 12)}, {"run", at(2, 1, 2, 9)}},
		},
		{
			name:    "lower-case and mixed-case keywords",
			content: "from alpine\nRun true\nworkdir /app\n",
			want:    []placed{{"from", at(1, 1, 1, 12)}, {"run", at(2, 1, 2, 9)}, {"workdir", at(3, 1, 3, 13)}},
		},
		{
			name:    "indented with spaces and a tab",
			content: "FROM alpine\n    RUN true\n\tUSER app\n",
			want:    []placed{{"from", at(1, 1, 1, 12)}, {"run", at(2, 5, 2, 13)}, {"user", at(3, 2, 3, 10)}},
		},
		{
			name: "non-ASCII white space indentation",
			// U+00A0 is 2 bytes and U+3000 is 3 bytes in UTF-8; each is
			// one UTF-16 unit.
			content: "FROM alpine\n\u00a0RUN true\n\u3000USER app\n",
			want:    []placed{{"from", at(1, 1, 1, 12)}, {"run", at(2, 2, 2, 10)}, {"user", at(3, 2, 3, 10)}},
		},
		{
			name: "astral character before a flag",
			// "RUN echo " is 9 units, the emoji 2 and " --version" 10.
			content: "FROM alpine\nRUN echo \U0001F680 --version\n",
			want:    []placed{{"from", at(1, 1, 1, 12)}, {"run", at(2, 1, 2, 22)}},
		},
		{
			name:    "comment between continuation lines",
			content: "FROM alpine\nRUN apt-get update \\\n# install curl\n    && apt-get install -y curl\n",
			want:    []placed{{"from", at(1, 1, 1, 12)}, {"run", at(2, 1, 4, 31)}},
		},
		{
			name:    "empty continuation line",
			content: "FROM alpine\nRUN echo a \\\n\n    b\nUSER app\n",
			want:    []placed{{"from", at(1, 1, 1, 12)}, {"run", at(2, 1, 4, 6)}, {"user", at(5, 1, 5, 9)}},
		},
		{
			name:    "here-document ends at its delimiter",
			content: "FROM alpine\nRUN <<EOF\necho hi\nEOF\nUSER app\n",
			want:    []placed{{"from", at(1, 1, 1, 12)}, {"run", at(2, 1, 4, 4)}, {"user", at(5, 1, 5, 9)}},
		},
		{
			name:    "continuation at end of file",
			content: "FROM alpine\nRUN echo \\",
			want:    []placed{{"from", at(1, 1, 1, 12)}, {"run", at(2, 1, 2, 11)}},
		},
		{
			name:    "blank lines and comments between instructions",
			content: "\n# base\nFROM alpine\n\n\n# run it\nRUN true\n",
			want:    []placed{{"from", at(3, 1, 3, 12)}, {"run", at(7, 1, 7, 9)}},
		},
		{
			name:    "escape directive changes the continuation character",
			content: "# escape=`\nFROM alpine\nRUN dir C:\\ `\n    /s\n",
			want:    []placed{{"from", at(2, 1, 2, 12)}, {"run", at(3, 1, 4, 7)}},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			df := mustParse(t, tt.content)

			assert.Equal(t, tt.want, placedInstructions(df))
		})
	}
}

func TestParseOnBuildTriggerColumn(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    input.Location
	}{
		{
			name:    "trigger after the keyword",
			content: "FROM alpine\nONBUILD RUN true\n",
			want:    at(2, 9, 2, 17),
		},
		{
			name: "trigger after non-ASCII indentation",
			// One UTF-16 unit of U+00A0, seven of ONBUILD and one space.
			content: "FROM alpine\n\u00a0ONBUILD RUN true\n",
			want:    at(2, 10, 2, 18),
		},
		{
			name:    "trigger on a continuation line",
			content: "FROM alpine\nONBUILD \\\n  RUN true\n",
			want:    at(2, 1, 3, 11),
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			df := mustParse(t, tt.content)

			onbuild := df.Stages[0].Instructions[0]
			if assert.NotNil(t, onbuild.OnBuild) {
				assert.Equal(t, "run", onbuild.OnBuild.Command)
				assert.Equal(t, tt.want, onbuild.OnBuild.Location)
			}
		})
	}
}
