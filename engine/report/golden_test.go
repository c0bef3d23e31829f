package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// goldenFiles maps each format to its golden file.
var goldenFiles = map[string]string{
	FormatText:   "report.txt",
	FormatJSON:   "report.json",
	FormatSARIF:  "report.sarif",
	FormatGitHub: "report.github.txt",
	FormatJUnit:  "report.junit.xml",
}

// assertGolden compares got with testdata/golden/name, or rewrites the file
// when the test runs with -update.
func assertGolden(t *testing.T, name string, got []byte) {
	t.Helper()

	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}

	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test with -update to create the golden file")
	assert.Equal(t, string(want), string(got))
}

// writeReport writes the fixture report in format and returns the output.
func writeReport(t *testing.T, format string, opts Options) []byte {
	t.Helper()

	reporter, err := New(format, opts)
	require.NoError(t, err)

	var out bytes.Buffer
	require.NoError(t, reporter.Write(&out, fixtureReport()))

	return out.Bytes()
}

func TestGolden(t *testing.T) {
	root := writeFixtureRoot(t)

	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			got := writeReport(t, format, fixtureOptions(root))
			assertGolden(t, goldenFiles[format], got)

			if format == FormatSARIF {
				validateSARIF(t, got)
			}
		})
	}
}

func TestWriteDeterministic(t *testing.T) {
	root := writeFixtureRoot(t)
	opts := fixtureOptions(root)
	opts.ShowSuppressed = true

	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			reporter, err := New(format, opts)
			require.NoError(t, err)

			report := fixtureReport()
			var first bytes.Buffer
			require.NoError(t, reporter.Write(&first, report))

			// The order of the input must not show in the output either.
			slices.Reverse(report.Findings)
			var second bytes.Buffer
			require.NoError(t, reporter.Write(&second, report))

			assert.Equal(t, first.String(), second.String())
		})
	}
}
