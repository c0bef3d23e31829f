package requirements

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/berth-policy/berth/internal/sharedtest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sharedDir returns the shared test data beside the repository, or skips.
func sharedDir(t *testing.T, parts ...string) string {
	t.Helper()

	return sharedtest.Shared(t, parts...)
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
