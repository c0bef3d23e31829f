package textfile

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/input"
)

func TestReadRejects(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		maxSize int64
		want    input.LoadError
	}{
		{
			name:    "NUL byte at its column",
			file:    "nul.yaml",
			maxSize: DefaultMaxSize,
			want: input.LoadError{
				Location: input.Location{File: "nul.yaml", Line: 3, Column: 14},
				Message:  "the file is binary (it contains NUL bytes); only text files can be loaded",
			},
		},
		{
			name:    "invalid UTF-8 at the first bad byte, in UTF-16 columns",
			file:    "invalid-utf8.yaml",
			maxSize: DefaultMaxSize,
			want: input.LoadError{
				Location: input.Location{File: "invalid-utf8.yaml", Line: 4, Column: 15},
				Message:  "the file is not valid UTF-8; save it as UTF-8",
			},
		},
		{
			name:    "over the size limit points at the start",
			file:    "compose.yaml",
			maxSize: 10,
			want: input.LoadError{
				Location: input.Location{File: "compose.yaml", Line: 1, Column: 1},
				Message:  "the file is 39 bytes, over the 10-byte limit; raise --max-file-size to load it",
			},
		},
		{
			name:    "missing file has no position",
			file:    "missing.yaml",
			maxSize: DefaultMaxSize,
			want: input.LoadError{
				Location: input.Location{File: "missing.yaml"},
				Message:  "cannot read the file: no such file or directory",
			},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content, err := Read(filepath.Join("testdata", tt.file), tt.file, tt.maxSize)
			assert.Nil(t, content)

			var le input.LoadError
			require.ErrorAs(t, err, &le)
			assert.Equal(t, tt.want, le)
		})
	}
}

func TestReadAccepts(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		maxSize int64
	}{
		{name: "plain text", file: "compose.yaml", maxSize: DefaultMaxSize},
		{name: "exactly at the size limit", file: "compose.yaml", maxSize: 39},
		{name: "byte order mark", file: "bom.yaml", maxSize: DefaultMaxSize},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			want, err := os.ReadFile(path)
			require.NoError(t, err)

			content, err := Read(path, tt.file, tt.maxSize)
			require.NoError(t, err)
			assert.Equal(t, want, content)
		})
	}
}

func TestIsBlankYAML(t *testing.T) {
	tests := []struct {
		name    string
		content string
		blank   bool
	}{
		{name: "empty", content: "", blank: true},
		{name: "blank lines", content: "\n  \n\t\n", blank: true},
		{name: "only comments", content: "# nothing here\n  # indented\n", blank: true},
		{name: "only a document marker", content: "---\n", blank: true},
		{name: "markers and comments", content: "--- # first\n...\n---\n", blank: true},
		{name: "byte order mark and CRLF", content: "\uFEFF# comment\r\n---\r\n", blank: true},
		{name: "mapping", content: "services: {}\n", blank: false},
		{name: "content after a marker", content: "--- services\n", blank: false},
		{name: "dashes without a space are a scalar", content: "---x\n", blank: false},
		{name: "comment then content", content: "# c\nservices:\n", blank: false},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.blank, IsBlankYAML([]byte(tt.content)))
		})
	}
}
