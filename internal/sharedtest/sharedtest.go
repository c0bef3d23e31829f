// Package sharedtest finds test inputs kept outside the repository: the
// corpus of real public Compose files and Dockerfiles, which lives in a
// shared folder beside the clone because of its size and licenses.
package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

// Shared returns the folder named by parts under the shared test data beside the
// repository, or skips the test when this clone has none, so that a clone
// elsewhere still passes.
func Shared(t testing.TB, parts ...string) string {
	t.Helper()

	root, ok := repositoryRoot()
	if !ok {
		t.Skip("skipping: no go.mod above the test directory, so the shared test data cannot be found")
	}

	dir := filepath.Join(append([]string{root, "..", "shared"}, parts...)...)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("skipping: the shared test data %s is not present beside this clone", dir)
	}

	return dir
}

// Corpus returns the corpus of public stacks, or skips the test.
func Corpus(t testing.TB) string {
	t.Helper()

	return Shared(t, "corpus")
}

// repositoryRoot walks up from the working directory to the folder that
// holds go.mod.
func repositoryRoot() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}

	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, true
		}

		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}
