package dockerfile

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/berth-policy/berth/engine/input"
)

func TestParseDirectives(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    map[string]input.Directive
	}{
		{
			name:    "syntax",
			content: "# syntax=docker/dockerfile:1\nFROM alpine\n",
			want: map[string]input.Directive{
				"syntax": {Value: "docker/dockerfile:1", Location: at(1, 1, 1, 29)},
			},
		},
		{
			name:    "upper-case names with spaces",
			content: "# SYNTAX = docker/dockerfile:1.7\n# Escape = `\nFROM alpine\n",
			want: map[string]input.Directive{
				"syntax": {Value: "docker/dockerfile:1.7", Location: at(1, 1, 1, 33)},
				"escape": {Value: "`", Location: at(2, 1, 2, 13)},
			},
		},
		{
			name:    "no space after the hash",
			content: "#syntax=docker/dockerfile:1\nFROM alpine\n",
			want: map[string]input.Directive{
				"syntax": {Value: "docker/dockerfile:1", Location: at(1, 1, 1, 28)},
			},
		},
		{
			name:    "all three directives",
			content: "# syntax=docker/dockerfile:1\n# escape=\\\n# check=skip=JSONArgsRecommended;error=true\nFROM alpine\n",
			want: map[string]input.Directive{
				"syntax": {Value: "docker/dockerfile:1", Location: at(1, 1, 1, 29)},
				"escape": {Value: `\`, Location: at(2, 1, 2, 11)},
				"check":  {Value: "skip=JSONArgsRecommended;error=true", Location: at(3, 1, 3, 44)},
			},
		},
		{
			name:    "syntax after a shebang line",
			content: "#!/usr/bin/env buildctl\n# syntax=docker/dockerfile:1\nFROM alpine\n",
			want: map[string]input.Directive{
				"syntax": {Value: "docker/dockerfile:1", Location: at(2, 1, 2, 29)},
			},
		},
		{
			name:    "directive after a comment",
			content: "# build the app\n# syntax=docker/dockerfile:1\nFROM alpine\n",
			want:    map[string]input.Directive{},
		},
		{
			name:    "directive after an instruction",
			content: "FROM alpine\n# escape=`\nRUN true\n",
			want:    map[string]input.Directive{},
		},
		{
			name:    "indented escape is read",
			content: "  # escape=`\nFROM alpine\n",
			want: map[string]input.Directive{
				"escape": {Value: "`", Location: at(1, 3, 1, 13)},
			},
		},
		{
			name:    "indented syntax is not read",
			content: "  # syntax=docker/dockerfile:1\nFROM alpine\n",
			want:    map[string]input.Directive{},
		},
		{
			name:    "byte order mark before a directive",
			content: "\ufeff# escape=`\nFROM alpine\n",
			want: map[string]input.Directive{
				"escape": {Value: "`", Location: at(1, 1, 1, 11)},
			},
		},
		{
			name:    "CRLF line endings",
			content: "# syntax=docker/dockerfile:1\r\n# escape=`\r\nFROM alpine\r\n",
			want: map[string]input.Directive{
				"syntax": {Value: "docker/dockerfile:1", Location: at(1, 1, 1, 29)},
				"escape": {Value: "`", Location: at(2, 1, 2, 11)},
			},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			df := mustParse(t, tt.content)

			assert.Equal(t, tt.want, df.Directives)
		})
	}
}
