package conftest

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func stringReader(s string) io.Reader {
	return strings.NewReader(s)
}

// writeFiles writes files (slash paths relative to a new directory) and
// returns the directory.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()

	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}

	return dir
}

// replaceDir puts dir in place of {dir} in s.
func replaceDir(s, dir string) string {
	return strings.ReplaceAll(s, "{dir}", dir)
}
