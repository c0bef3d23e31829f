// Command parsefloor is the load-only floor of berth's benchmarks: it
// finds the same files that berth checks, reads them and parses them with
// the same parsers, and does nothing else. Compose files are decoded as
// plain YAML, without Compose's merging, interpolation or validation, and
// Dockerfiles are parsed into BuildKit's syntax tree only. Requirement and
// .env files are read and split into lines.
//
// Usage:
//
//	parsefloor PATH...
//
// A PATH may be a file or a folder, which is searched recursively.
package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"go.yaml.in/yaml/v4"

	"github.com/berth-policy/berth/internal/gcpace"
)

// tally counts the files parsed of each kind and the lines of the text
// files, which keeps the line split from being optimized away.
type tally struct {
	yaml, dockerfiles, text, textLines int
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: parsefloor PATH...")
		os.Exit(2)
	}

	// The same garbage collection settings as berth, so that the floor
	// differs from berth only in the work it leaves out.
	gcpace.Tune()

	var t tally
	for _, root := range os.Args[1:] {
		if err := filepath.WalkDir(root, t.visit); err != nil {
			fmt.Fprintln(os.Stderr, "parsefloor:", err)
			os.Exit(1)
		}
	}

	fmt.Printf("parsed %d YAML files, %d Dockerfiles and %d text files of %d lines\n", t.yaml, t.dockerfiles, t.text, t.textLines)
}

func (t *tally) visit(path string, d fs.DirEntry, err error) error {
	if err != nil {
		return err
	}
	if d.IsDir() {
		return nil
	}

	kind := kindOf(d.Name())
	if kind == "" {
		return nil
	}

	content, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}

	switch kind {
	case "yaml":
		var doc any
		if err := yaml.Unmarshal(content, &doc); err != nil {
			return fmt.Errorf("parse %s: %w", path, err)
		}
		t.yaml++
	case "dockerfile":
		if _, err := parser.Parse(bytes.NewReader(content)); err != nil {
			return fmt.Errorf("parse %s: %w", path, err)
		}
		t.dockerfiles++
	case "text":
		t.textLines += bytes.Count(content, []byte("\n"))
		t.text++
	}

	return nil
}

// kindOf returns how a file is parsed by its name, or "" for a file that
// berth does not load. The names follow berth's discovery, except that
// every .yml and .yaml file is decoded, which covers Compose files and CI
// workflows alike.
func kindOf(name string) string {
	lower := strings.ToLower(name)
	ext := filepath.Ext(lower)

	switch {
	case lower == "dockerfile" || lower == "containerfile" || strings.HasPrefix(lower, "dockerfile.") || ext == ".dockerfile":
		return "dockerfile"
	case ext == ".yml" || ext == ".yaml":
		return "yaml"
	case lower == ".env" || (ext == ".txt" && (strings.HasPrefix(lower, "requirements") || strings.HasPrefix(lower, "constraints"))):
		return "text"
	}

	return ""
}
