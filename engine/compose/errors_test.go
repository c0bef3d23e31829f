package compose

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/input"
)

// point builds a location without an end.
func point(file string, line, column int) input.Location {
	return input.Location{File: file, Line: line, Column: column}
}

func TestYAMLSyntaxErrors(t *testing.T) {
	tests := []struct {
		name string
		file string
		want input.LoadError
	}{
		{
			name: "unclosed quote points where it opens",
			file: "unclosed-quote.yaml",
			want: input.LoadError{Location: point("unclosed-quote.yaml", 5, 9), Message: "invalid YAML: found unexpected end of stream while scanning a quoted scalar"},
		},
		{
			name: "bad indentation points at the key",
			file: "bad-indentation.yaml",
			want: input.LoadError{Location: point("bad-indentation.yaml", 4, 4), Message: "invalid YAML: did not find expected key while parsing a block mapping that starts at line 2, column 3"},
		},
		{
			name: "unclosed flow mapping points at its brace",
			file: "unclosed-flow-mapping.yaml",
			want: input.LoadError{Location: point("unclosed-flow-mapping.yaml", 2, 8), Message: "invalid YAML: did not find expected ',' or '}' while parsing a flow mapping"},
		},
		{
			name: "tab indentation",
			file: "tab-indentation.yaml",
			want: input.LoadError{Location: point("tab-indentation.yaml", 3, 1), Message: "invalid YAML: found character that cannot start any token while scanning for the next token"},
		},
		{
			name: "colon inside a plain value",
			file: "colon-in-value.yaml",
			want: input.LoadError{Location: point("colon-in-value.yaml", 3, 17), Message: "invalid YAML: mapping values are not allowed in this context"},
		},
		{
			name: "unknown anchor points at the alias",
			file: "unknown-anchor.yaml",
			want: input.LoadError{Location: point("unknown-anchor.yaml", 3, 12), Message: "invalid YAML: unknown anchor 'missing' referenced"},
		},
		{
			name: "column counts UTF-16 units",
			file: "non-ascii-before-error.yaml",
			want: input.LoadError{Location: point("non-ascii-before-error.yaml", 2, 8), Message: "invalid YAML: found unexpected end of stream while scanning a quoted scalar"},
		},
		{
			name: "control character",
			file: "control-character.yaml",
			want: input.LoadError{Location: point("control-character.yaml", 2, 1), Message: "invalid YAML: control characters are not allowed"},
		},
		{
			name: "duplicate key points at the second key",
			file: "duplicate-key.yaml",
			want: input.LoadError{Location: at("duplicate-key.yaml", 6, 7, 11), Message: `duplicate key "MODE" (first written at line 5); each key may appear once per mapping`},
		},
		{
			name: "top level is a list",
			file: "top-level-list.yaml",
			want: input.LoadError{Location: point("top-level-list.yaml", 1, 1), Message: "the top level of a Compose file must be a mapping of keys such as services:, but this file contains a list"},
		},
		{
			name: "syntax error in an included file",
			file: "include-broken.yaml",
			want: input.LoadError{Location: point("parts/broken.yaml", 5, 9), Message: "invalid YAML: found unexpected end of stream while scanning a quoted scalar"},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, requireLoadError(t, "errors", Options{}, tt.file))
		})
	}
}

func TestUnknownKeyErrors(t *testing.T) {
	const advice = "; check its spelling against the Compose specification, or start custom keys with x-"

	tests := []struct {
		name string
		file string
		want input.LoadError
	}{
		{
			name: "under a service",
			file: "unknown-service-key.yaml",
			want: input.LoadError{Location: at("unknown-service-key.yaml", 5, 5, 11), Message: `unknown key "imagee" in services.web` + advice},
		},
		{
			name: "at the top level",
			file: "unknown-top-level-key.yaml",
			want: input.LoadError{Location: at("unknown-top-level-key.yaml", 4, 1, 8), Message: `unknown key "volumez" at the top level` + advice},
		},
		{
			name: "in a long-syntax port",
			file: "unknown-port-key.yaml",
			want: input.LoadError{Location: at("unknown-port-key.yaml", 6, 9, 17), Message: `unknown key "publishd" in services.web.ports.0` + advice},
		},
		{
			name: "in a healthcheck",
			file: "unknown-healthcheck-key.yaml",
			want: input.LoadError{Location: at("unknown-healthcheck-key.yaml", 6, 7, 16), Message: `unknown key "intervall" in services.web.healthcheck` + advice},
		},
		{
			name: "in an included file",
			file: "include-unknown-key.yaml",
			want: input.LoadError{Location: at("parts/unknown-key.yaml", 4, 5, 11), Message: `unknown key "imagee" in services.db` + advice},
		},
		{
			name: "in an extended service",
			file: "extends-unknown-key.yaml",
			want: input.LoadError{Location: at("parts/base.yaml", 4, 5, 11), Message: `unknown key "restrt" in services.web` + advice},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, requireLoadError(t, "errors", Options{}, tt.file))
		})
	}
}

func TestRequiredVariableErrors(t *testing.T) {
	tests := []struct {
		name string
		file string
		env  []string
		want input.LoadError
	}{
		{
			name: "unset, with the same text in a comment above",
			file: "required-unset.yaml",
			want: input.LoadError{
				Location: at("required-unset.yaml", 4, 19, 24),
				Message:  "error while interpolating services.web.image: required variable TAG is missing a value: set TAG to the image tag",
			},
		},
		{
			name: "unset without colon",
			file: "required-unset-no-colon.yaml",
			want: input.LoadError{
				Location: at("required-unset-no-colon.yaml", 3, 19, 24),
				Message:  "error while interpolating services.web.image: required variable TAG is missing a value: set TAG",
			},
		},
		{
			name: "empty fails only with colon",
			file: "required-empty.yaml",
			env:  []string{"TAG="},
			want: input.LoadError{
				Location: at("required-empty.yaml", 4, 22, 27),
				Message:  "error while interpolating services.web.container_name: required variable TAG is missing a value: TAG must not be empty",
			},
		},
		{
			name: "two failures point at the first one named",
			file: "required-empty.yaml",
			want: input.LoadError{
				Location: at("required-empty.yaml", 4, 22, 27),
				Message: "error while interpolating services.web.container_name: required variable TAG is missing a value: TAG must not be empty; " +
					"error while interpolating services.web.image: required variable TAG is missing a value: TAG may be empty",
			},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, requireLoadError(t, "errors", Options{Env: tt.env}, tt.file))
		})
	}
}

func TestComposeErrorLocations(t *testing.T) {
	tests := []struct {
		name string
		file string
		want input.LoadError
	}{
		{
			name: "undefined volume points at the mount",
			file: "undefined-volume.yaml",
			want: input.LoadError{Location: at("undefined-volume.yaml", 5, 9, 19), Message: `service "web" refers to undefined volume data: invalid compose project`},
		},
		{
			name: "decoding error points at the key",
			file: "invalid-memory.yaml",
			want: input.LoadError{Location: at("invalid-memory.yaml", 7, 11, 17), Message: "'services[web].deploy.resources.limits.memory' invalid size: 'lots'"},
		},
		{
			name: "unknown base service points at extends",
			file: "extends-unknown.yaml",
			want: input.LoadError{Location: at("extends-unknown.yaml", 3, 5, 12), Message: `cannot extend service "web" in extends-unknown.yaml: service "base" not found`},
		},
		{
			name: "missing included file points at the include entry",
			file: "include-missing.yaml",
			want: input.LoadError{Location: at("include-missing.yaml", 2, 5, 23), Message: "cannot read the Compose file parts/missing.yaml: no such file or directory; check the path and its permissions"},
		},
		{
			name: "missing extended file points at extends.file",
			file: "extends-missing-file.yaml",
			want: input.LoadError{Location: at("extends-missing-file.yaml", 4, 13, 31), Message: "cannot read the Compose file parts/missing.yaml: no such file or directory; check the path and its permissions"},
		},
		{
			name: "include cycle points at the include list",
			file: "include-self.yaml",
			want: input.LoadError{Location: at("include-self.yaml", 1, 1, 8), Message: "include cycle detected: include-self.yaml; include include-self.yaml"},
		},
		{
			name: "missing project file",
			file: "nope.yaml",
			want: input.LoadError{Location: input.Location{File: "nope.yaml"}, Message: "cannot read the Compose file nope.yaml: no such file or directory; check the path and its permissions"},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, requireLoadError(t, "errors", Options{}, tt.file))
		})
	}
}

// compose-go reports whichever invalid item it meets first in map order,
// so the project is loaded several times to check that berth always
// reports the first one written.
func TestInvalidItemErrors(t *testing.T) {
	tests := []struct {
		name string
		file string
		want input.LoadError
	}{
		{
			name: "first invalid port",
			file: "invalid-ports.yaml",
			want: input.LoadError{Location: at("invalid-ports.yaml", 6, 9, 15), Message: "Invalid hostPort: x"},
		},
		{
			name: "first volume with an empty source",
			file: "empty-volume-sources.yaml",
			want: input.LoadError{
				Location: at("empty-volume-sources.yaml", 5, 9, 26),
				Message:  "invalid spec: :/data: empty section between colons; the volume has an empty source, so a variable in it is probably unset: define it in .env or pass --env",
			},
		},
		{
			name: "missing env file points at its entry",
			file: "missing-env-file.yaml",
			want: input.LoadError{
				Location: at("missing-env-file.yaml", 5, 15, 26),
				Message:  "env file missing.env not found; create it, or add required: false to its env_file entry to make it optional",
			},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 8 {
				assert.Equal(t, tt.want, requireLoadError(t, "errors", Options{}, tt.file))
			}
		})
	}
}

func TestEmptyFiles(t *testing.T) {
	tests := []struct {
		name string
		file string
		want input.LoadError
	}{
		{
			name: "empty",
			file: "compose.yaml",
			want: input.LoadError{Location: point("compose.yaml", 1, 1), Message: "empty Compose project: no file of the project defines anything; add a services: section"},
		},
		{
			name: "only comments",
			file: "docker-compose.yml",
			want: input.LoadError{Location: point("docker-compose.yml", 1, 1), Message: "empty Compose project: no file of the project defines anything; add a services: section"},
		},
		{
			name: "only a document marker",
			file: "compose.override.yaml",
			want: input.LoadError{Location: point("compose.override.yaml", 1, 1), Message: "empty Compose file: the document contains nothing; add a services: section or delete the file"},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, requireLoadError(t, "cases/empty-files", Options{}, tt.file))
		})
	}

	t.Run("empty override is accepted", func(t *testing.T) {
		p, err := loadIn(t, "cases/empty-override", Options{}, "compose.yaml", "compose.override.yaml")
		require.NoError(t, err)
		assert.Equal(t, []string{"compose.yaml", "compose.override.yaml"}, p.Files)
		assert.Equal(t, at("compose.yaml", 2, 3, 6), serviceNamed(t, p, "web").Location)
	})
}
