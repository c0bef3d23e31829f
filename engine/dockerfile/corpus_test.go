package dockerfile

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// corpusFailures are the corpus files that must not load, with the exact
// error. BuildKit's parser tests keep CMD-only files and broken files that
// no build accepts.
var corpusFailures = map[string]string{
	"moby__buildkit/frontend/dockerfile/parser/testfiles/json/Dockerfile": "moby__buildkit/frontend/dockerfile/parser/testfiles/json/Dockerfile:1:1: " +
		"the CMD instruction comes before the first FROM, where only ARG is allowed; start a build stage with FROM above it",
	"moby__buildkit/frontend/dockerfile/parser/testfiles/jeztah-invalid-json-json-inside-string/Dockerfile": "moby__buildkit/frontend/dockerfile/parser/testfiles/jeztah-invalid-json-json-inside-string/Dockerfile:1:1: " +
		"the CMD instruction comes before the first FROM, where only ARG is allowed; start a build stage with FROM above it",
	"moby__buildkit/frontend/dockerfile/parser/testfiles/jeztah-invalid-json-json-inside-string-double/Dockerfile": "moby__buildkit/frontend/dockerfile/parser/testfiles/jeztah-invalid-json-json-inside-string-double/Dockerfile:1:1: " +
		"the CMD instruction comes before the first FROM, where only ARG is allowed; start a build stage with FROM above it",
	"moby__buildkit/frontend/dockerfile/parser/testfiles/jeztah-invalid-json-single-quotes/Dockerfile": "moby__buildkit/frontend/dockerfile/parser/testfiles/jeztah-invalid-json-single-quotes/Dockerfile:1:1: " +
		"the CMD instruction comes before the first FROM, where only ARG is allowed; start a build stage with FROM above it",
	"moby__buildkit/frontend/dockerfile/parser/testfiles/jeztah-invalid-json-unterminated-bracket/Dockerfile": "moby__buildkit/frontend/dockerfile/parser/testfiles/jeztah-invalid-json-unterminated-bracket/Dockerfile:1:1: " +
		"the CMD instruction comes before the first FROM, where only ARG is allowed; start a build stage with FROM above it",
	"moby__buildkit/frontend/dockerfile/parser/testfiles/jeztah-invalid-json-unterminated-string/Dockerfile": "moby__buildkit/frontend/dockerfile/parser/testfiles/jeztah-invalid-json-unterminated-string/Dockerfile:1:1: " +
		"the CMD instruction comes before the first FROM, where only ARG is allowed; start a build stage with FROM above it",
	"moby__buildkit/frontend/dockerfile/parser/testfiles-negative/empty_dockerfile/Dockerfile": "moby__buildkit/frontend/dockerfile/parser/testfiles-negative/empty_dockerfile/Dockerfile:1:1: " +
		"the Dockerfile has no instructions; add a FROM instruction",
	"moby__buildkit/frontend/dockerfile/parser/testfiles-negative/only_comments/Dockerfile": "moby__buildkit/frontend/dockerfile/parser/testfiles-negative/only_comments/Dockerfile:1:1: " +
		"the Dockerfile has no instructions; add a FROM instruction",
	"moby__buildkit/frontend/dockerfile/parser/testfiles-negative/env_no_value/Dockerfile": "moby__buildkit/frontend/dockerfile/parser/testfiles-negative/env_no_value/Dockerfile:3:1: " +
		"the ENV instruction has a name but no value; write it as ENV NAME=value",
	"moby__buildkit/frontend/dockerfile/parser/testfiles-negative/shykes-nested-json/Dockerfile": "moby__buildkit/frontend/dockerfile/parser/testfiles-negative/shykes-nested-json/Dockerfile:1:1: " +
		"the JSON array of this instruction holds a value that is not a string; quote every element",
}

// isDockerfileName reports whether a file name is one that Docker tools
// treat as a Dockerfile, in any case.
func isDockerfileName(name string) bool {
	lower := strings.ToLower(name)

	return lower == "dockerfile" || lower == "containerfile" ||
		strings.HasPrefix(lower, "dockerfile.") || strings.HasSuffix(lower, ".dockerfile")
}

func TestParseCorpus(t *testing.T) {
	corpus := sharedDir(t, "corpus")

	var paths []string
	err := filepath.WalkDir(corpus, func(path string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !entry.IsDir() && isDockerfileName(entry.Name()) {
			paths = append(paths, path)
		}

		return nil
	})
	require.NoError(t, err)
	require.Greater(t, len(paths), 100, "the corpus should hold more than 100 Dockerfiles")

	failed := map[string]bool{}
	for _, path := range paths {
		rel, err := filepath.Rel(corpus, path)
		require.NoError(t, err)
		rel = filepath.ToSlash(rel)

		t.Run(rel, func(t *testing.T) {
			content, err := os.ReadFile(path)
			require.NoError(t, err)

			df, err := Parse(rel, content)
			if want, ok := corpusFailures[rel]; ok {
				failed[rel] = true
				require.Error(t, err)
				assert.Equal(t, want, err.Error())
				return
			}
			require.NoError(t, err)

			assert.NotEmpty(t, df.Stages)
			for _, location := range allLocations(df) {
				assert.Equal(t, rel, location.File)
				assert.GreaterOrEqual(t, location.Line, 1, "location %+v", location)
				assert.GreaterOrEqual(t, location.Column, 1, "location %+v", location)
				assert.GreaterOrEqual(t, location.EndLine, location.Line, "location %+v", location)
			}
		})
	}

	for rel := range corpusFailures {
		assert.True(t, failed[rel], "expected failure %s is not in the corpus", rel)
	}
}
