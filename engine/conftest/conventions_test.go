package conftest

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
)

func TestLevelOf(t *testing.T) {
	tests := []struct {
		name      string
		level     finding.Level
		evaluated bool
	}{
		{name: "deny", level: finding.LevelError, evaluated: true},
		{name: "deny_no_socket", level: finding.LevelError, evaluated: true},
		{name: "deny_a_b2", level: finding.LevelError, evaluated: true},
		{name: "violation", level: finding.LevelError, evaluated: true},
		{name: "violation_ports", level: finding.LevelError, evaluated: true},
		{name: "warn", level: finding.LevelWarning, evaluated: true},
		{name: "warn_latest", level: finding.LevelWarning, evaluated: true},
		{name: "denylist"},
		{name: "deny_"},
		{name: "deny-socket"},
		{name: "warning"},
		{name: "exception"},
		{name: "_deny"},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			level, ok := LevelOf(tt.name)

			assert.Equal(t, tt.evaluated, ok)
			assert.Equal(t, tt.level, level)
		})
	}
}

func TestExceptionName(t *testing.T) {
	tests := []struct {
		rule string
		want string
	}{
		{rule: "deny", want: ""},
		{rule: "violation", want: ""},
		{rule: "warn", want: ""},
		{rule: "deny_no_socket", want: "no_socket"},
		{rule: "violation_ports", want: "ports"},
		{rule: "warn_latest_tag", want: "latest_tag"},
	}

	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			assert.Equal(t, tt.want, exceptionName(tt.rule))
		})
	}
}

func TestSelectNamespaces(t *testing.T) {
	available := []string{"compose", "compose.images", "main", "main.gke"}

	tests := []struct {
		name     string
		patterns []string
		all      bool
		want     []string
		wantErr  string
	}{
		{name: "default main", want: []string{"main"}},
		{name: "literal", patterns: []string{"compose"}, want: []string{"compose"}},
		{name: "star matches dots", patterns: []string{"compose*"}, want: []string{"compose", "compose.images"}},
		{name: "suffix glob", patterns: []string{"main.*"}, want: []string{"main.gke"}},
		{name: "several patterns", patterns: []string{"main", "compose.images"}, want: []string{"compose.images", "main"}},
		{name: "all namespaces", patterns: []string{"nothing"}, all: true, want: available},
		{
			name:     "no match",
			patterns: []string{"k8s.*"},
			wantErr:  "no policy package matches namespace k8s.*: the policies define compose, compose.images, main, main.gke; select packages with -n/--namespace or use --all-namespaces",
		},
		{name: "invalid glob", patterns: []string{"[main"}, wantErr: `invalid namespace pattern "[main": syntax error in pattern`},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SelectNamespaces(available, tt.patterns, tt.all)

			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseMessage(t *testing.T) {
	tests := []struct {
		name    string
		value   string
		want    message
		wantErr string
	}{
		{name: "string", value: `"no healthcheck"`, want: message{text: "no healthcheck"}},
		{name: "object with msg", value: `{"msg": "no healthcheck", "severity": "high"}`, want: message{text: "no healthcheck"}},
		{
			name:  "conftest location",
			value: `{"msg": "m", "_loc": {"file": "compose.yml", "line": 12, "column": 5}}`,
			want:  message{text: "m", location: input.Location{File: "compose.yml", Line: 12, Column: 5}},
		},
		{
			name:  "line as string",
			value: `{"msg": "m", "_loc": {"file": "compose.yml", "line": "12"}}`,
			want:  message{text: "m", location: input.Location{File: "compose.yml", Line: 12}},
		},
		{
			name:  "berth location and service",
			value: `{"msg": "m", "service": "web", "location": {"file": "c.yml", "line": 3, "column": 5, "end_line": 3, "end_column": 9}}`,
			want:  message{text: "m", service: "web", location: input.Location{File: "c.yml", Line: 3, Column: 5, EndLine: 3, EndColumn: 9}},
		},
		{
			name:  "_loc wins over location",
			value: `{"msg": "m", "_loc": {"file": "a.yml", "line": 1}, "location": {"file": "b.yml", "line": 2}}`,
			want:  message{text: "m", location: input.Location{File: "a.yml", Line: 1}},
		},
		{name: "object without msg", value: `{"message": "m"}`, wantErr: `result {"message":"m"} has no string msg field; return a string or an object such as {"msg": "..."}`},
		{name: "number", value: `3`, wantErr: "result 3 is neither a string nor an object with msg"},
		{name: "location not an object", value: `{"msg": "m", "_loc": "c.yml:3"}`, wantErr: `result "m": location "c.yml:3" is not an object with file, line and column`},
		{name: "negative line", value: `{"msg": "m", "_loc": {"line": -1}}`, wantErr: `result "m": location line: -1 is not a whole number of at least 0`},
		{name: "fractional column", value: `{"msg": "m", "_loc": {"column": 1.5}}`, wantErr: `result "m": location column: 1.5 is not a whole number of at least 0`},
		{name: "file not a string", value: `{"msg": "m", "_loc": {"file": 1}}`, wantErr: `result "m": location file 1 is not a string`},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var value any
			decoder := json.NewDecoder(stringReader(tt.value))
			decoder.UseNumber()
			require.NoError(t, decoder.Decode(&value))

			got, err := parseMessage(value)

			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}
