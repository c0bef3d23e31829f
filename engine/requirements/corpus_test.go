package requirements

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sharedDir returns the shared test data folder beside the repository, or
// skips the test when this clone has none.
func sharedDir(t *testing.T, parts ...string) string {
	t.Helper()

	dir, err := os.Getwd()
	require.NoError(t, err)

	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}

		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("skipping: no go.mod above the test directory, so the shared test data cannot be found")
		}
		dir = parent
	}

	shared := filepath.Join(append([]string{dir, "..", "shared"}, parts...)...)
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("skipping: shared test data %s is not present in this clone", shared)
	}

	return shared
}

// corpusWithoutRequirements are corpus files that hold only comments.
var corpusWithoutRequirements = map[string]bool{
	"getsentry__self-hosted/sentry/requirements.example.txt": true,
}

func TestParseCorpus(t *testing.T) {
	corpus := sharedDir(t, "corpus")

	var paths []string
	err := filepath.WalkDir(corpus, func(p string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}

		name := strings.ToLower(entry.Name())
		isRequirements, _ := path.Match("requirements*.txt", name)
		isConstraints, _ := path.Match("constraints*.txt", name)
		if !entry.IsDir() && (isRequirements || isConstraints) {
			paths = append(paths, p)
		}

		return nil
	})
	require.NoError(t, err)
	require.NotEmpty(t, paths)

	for _, p := range paths {
		rel, err := filepath.Rel(corpus, p)
		require.NoError(t, err)
		rel = filepath.ToSlash(rel)

		t.Run(rel, func(t *testing.T) {
			content, err := os.ReadFile(p)
			require.NoError(t, err)

			got := Parse(rel, content)

			if corpusWithoutRequirements[rel] {
				assert.Empty(t, got.Lines)
			} else {
				assert.NotEmpty(t, got.Lines)
			}

			for _, line := range got.Lines {
				assert.NotEmpty(t, line.Text)
				assert.Equal(t, rel, line.Location.File)
				assert.GreaterOrEqual(t, line.Location.Line, 1, "line %+v", line)
				assert.GreaterOrEqual(t, line.Location.Column, 1, "line %+v", line)
				assert.GreaterOrEqual(t, line.Location.EndLine, line.Location.Line, "line %+v", line)
			}
		})
	}
}
