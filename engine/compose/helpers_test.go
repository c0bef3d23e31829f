package compose

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/input"
)

// loadIn loads the project made of files in testdata/dir, with paths
// relative to that folder, which is also the root of the run.
func loadIn(t *testing.T, dir string, opts Options, files ...string) (input.Project, error) {
	t.Helper()

	root, err := filepath.Abs(filepath.Join("testdata", dir))
	require.NoError(t, err)

	abs := make([]string, len(files))
	for i, f := range files {
		abs[i] = filepath.Join(root, f)
	}
	opts.Root = root

	return Load(context.Background(), abs, opts)
}

// absTestdata returns the absolute path of file in testdata/dir.
func absTestdata(t *testing.T, dir, file string) string {
	t.Helper()

	abs, err := filepath.Abs(filepath.Join("testdata", dir, file))
	require.NoError(t, err)

	return abs
}

// requireLoadError loads files that must fail and returns the load error.
func requireLoadError(t *testing.T, dir string, opts Options, files ...string) input.LoadError {
	t.Helper()

	_, err := loadIn(t, dir, opts, files...)

	var le input.LoadError
	require.ErrorAs(t, err, &le)

	return le
}

// at builds a location that spans one line.
func at(file string, line, column, endColumn int) input.Location {
	return input.Location{File: file, Line: line, Column: column, EndLine: line, EndColumn: endColumn}
}

// text returns a pointer to s, for EnvVar values.
func text(s string) *string {
	return &s
}

func labelNamed(t *testing.T, s input.Service, name string) input.Label {
	t.Helper()

	for _, l := range s.Labels {
		if l.Name == name {
			return l
		}
	}
	require.Failf(t, "label not found", "no label %q in service %s", name, s.Name)

	return input.Label{}
}
