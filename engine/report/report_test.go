package report

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFormats(t *testing.T) {
	assert.Equal(t, []string{"text", "json", "sarif", "github", "junit"}, Formats())
}

func TestNewKnownFormats(t *testing.T) {
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			reporter, err := New(format, Options{})
			require.NoError(t, err)
			assert.NotNil(t, reporter)
		})
	}
}

func TestNewUnknownFormat(t *testing.T) {
	tests := []struct {
		name   string
		format string
	}{
		{name: "empty", format: ""},
		{name: "other tool's format", format: "checkstyle"},
		{name: "upper case", format: "SARIF"},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reporter, err := New(tt.format, Options{})

			assert.Nil(t, reporter)
			require.ErrorIs(t, err, ErrUnknownFormat)
			assert.EqualError(t, err, `unknown report format "`+tt.format+`": use one of text, json, sarif, github, junit`)
		})
	}
}

func TestNewSourceRootURI(t *testing.T) {
	tests := []struct {
		name    string
		uri     string
		wantErr bool
	}{
		{name: "unset", uri: ""},
		{name: "file URI with slash", uri: "file:///home/ci/berth-demo/"},
		{name: "Windows drive", uri: "file:///C:/src/berth-demo/"},
		{name: "no trailing slash", uri: "file:///home/ci/berth-demo", wantErr: true},
		{name: "http scheme", uri: "https://example.com/src/", wantErr: true},
		{name: "relative path", uri: "src/", wantErr: true},
		{name: "query", uri: "file:///home/ci/?ref=main", wantErr: true},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(FormatSARIF, Options{SourceRootURI: tt.uri})

			if tt.wantErr {
				assert.ErrorContains(t, err, "want an absolute file:// URI ending in /")
			} else {
				assert.NoError(t, err)
			}
		})
	}
}

func TestFormatForPath(t *testing.T) {
	tests := []struct {
		name string
		path string
		want string
	}{
		{name: "sarif", path: "out/berth.sarif", want: FormatSARIF},
		{name: "sarif json", path: "berth.sarif.json", want: FormatSARIF},
		{name: "upper case", path: "BERTH.SARIF", want: FormatSARIF},
		{name: "json", path: "report.json", want: FormatJSON},
		{name: "xml", path: "reports/junit.xml", want: FormatJUnit},
		{name: "text file", path: "report.txt", want: ""},
		{name: "no extension", path: "report", want: ""},
		{name: "directory named like sarif", path: "x.sarif/report", want: ""},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, FormatForPath(tt.path))
		})
	}
}
