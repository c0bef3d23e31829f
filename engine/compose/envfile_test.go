package compose

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/input"
)

func TestEnvFileLocations(t *testing.T) {
	p, err := loadIn(t, "cases/env-files", Options{}, "compose.yaml")
	require.NoError(t, err)

	tests := []struct {
		name    string
		service string
		env     []input.EnvVar
	}{
		{
			name:    "env_file as a string",
			service: "string",
			env: []input.EnvVar{
				{Name: "DEBUG", Value: text("true"), Source: "app.env", Location: at("app.env", 2, 1, 11)},
				{Name: "LEVEL", Value: text("warn"), Source: "app.env", Location: at("app.env", 5, 1, 11)},
				{Name: "TOKEN", Value: text("abc"), Source: "app.env", Location: at("app.env", 3, 3, 19)},
			},
		},
		{
			name:    "env_file as a list, later file wins",
			service: "list",
			env: []input.EnvVar{
				{Name: "DEBUG", Value: text("true"), Source: "app.env", Location: at("app.env", 2, 1, 11)},
				{Name: "LEVEL", Value: text("warn"), Source: "app.env", Location: at("app.env", 5, 1, 11)},
				{Name: "TOKEN", Value: text("from-extra"), Source: "extra.env", Location: at("extra.env", 1, 1, 17)},
			},
		},
		{
			name:    "long form with an optional missing file, environment wins",
			service: "long",
			env: []input.EnvVar{
				{Name: "DEBUG", Value: text("false"), Raw: "false", Source: "environment", Location: at("compose.yaml", 17, 7, 21)},
				{Name: "LEVEL", Value: text("warn"), Source: "app.env", Location: at("app.env", 5, 1, 11)},
				{Name: "TOKEN", Value: text("abc"), Source: "app.env", Location: at("app.env", 3, 3, 19)},
			},
		},
		{
			name:    "multi-line value, colon and tab after export",
			service: "parsed",
			env: []input.EnvVar{
				{Name: "CERT", Value: text("-----BEGIN-----\nFAKE=not a statement\n-----END-----"), Source: "multi.env", Location: at("multi.env", 1, 1, 22)},
				{Name: "COLON", Value: text("yes"), Source: "multi.env", Location: at("multi.env", 4, 1, 11)},
				{Name: "TABBED", Value: text("1"), Source: "multi.env", Location: at("multi.env", 5, 1, 16)},
			},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.env, serviceNamed(t, p, tt.service).Environment)
		})
	}
}

func TestEnvAssignment(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		found bool
		want  input.Location
	}{
		{name: "plain", lines: []string{"A=1"}, found: true, want: at("x.env", 1, 1, 4)},
		{name: "last assignment wins", lines: []string{"A=1", "B=2", "A=3"}, found: true, want: at("x.env", 3, 1, 4)},
		{name: "comment is skipped", lines: []string{"# A=1", "A=2"}, found: true, want: at("x.env", 2, 1, 4)},
		{name: "export and indent", lines: []string{"  export A=1"}, found: true, want: at("x.env", 1, 3, 13)},
		{name: "spaces around equals", lines: []string{"A = 1"}, found: true, want: at("x.env", 1, 1, 6)},
		{name: "name without value", lines: []string{"A"}, found: true, want: at("x.env", 1, 1, 2)},
		{name: "name as prefix of another", lines: []string{"AB=1"}, found: false},
		{name: "inside a quoted value", lines: []string{`B='x`, `A=1'`}, found: false},
		{name: "escaped quote keeps the value open", lines: []string{`B="x\"`, `A=1"`, "A=2"}, found: true, want: at("x.env", 3, 1, 4)},
		{name: "export without a space is part of the name", lines: []string{"exportA=1"}, found: false},
		{name: "non-ASCII value before the end", lines: []string{"A=é😀"}, found: true, want: at("x.env", 1, 1, 6)},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc, found := envAssignment("x.env", tt.lines, "A")
			assert.Equal(t, tt.found, found)
			assert.Equal(t, tt.want, loc)
		})
	}
}
