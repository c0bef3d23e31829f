package compose

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/berth-policy/berth/engine/input"
)

// FuzzLoad loads random YAML as a one-file project. Load must not panic,
// and every failure must be a load error that names the file.
func FuzzLoad(f *testing.F) {
	seeds, err := filepath.Glob(filepath.Join("testdata", "*", "*", "*.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	more, err := filepath.Glob(filepath.Join("testdata", "errors", "*.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, path := range append(seeds, more...) {
		content, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(content)
	}

	// A file that includes itself twice must not make the include walk
	// grow exponentially.
	f.Add([]byte("include:\n  - compose.yaml\n  - compose.yaml\nservices:\n  web:\n    image: nginx:1.27\n"))

	f.Fuzz(func(t *testing.T, content []byte) {
		// Paths would let include, extends and env_file read files outside
		// the temporary folder, so inputs that contain one are skipped.
		if bytes.ContainsAny(content, `/\~`) {
			t.Skip()
		}

		dir := t.TempDir()
		file := filepath.Join(dir, "compose.yaml")
		if err := os.WriteFile(file, content, 0o600); err != nil {
			t.Fatal(err)
		}

		_, err := Load(context.Background(), []string{file}, Options{Root: dir})
		if err == nil {
			return
		}

		var le input.LoadError
		if !errors.As(err, &le) {
			t.Fatalf("want a load error, got %T: %v", err, err)
		}
		if le.File == "" {
			t.Fatalf("load error names no file: %v", le)
		}
	})
}
