// Package policy loads and compiles the Rego that berth evaluates: the
// built-in rules, the shared library, the user's own policies and OPA
// bundles, always with berth's restricted capabilities.
package policy

import (
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/berth-policy/berth/policies"
	regolib "github.com/berth-policy/berth/rego"
)

// File is one parsed Rego file.
type File struct {
	// Name is the module name: the path that compile errors, test results
	// and annotations report.
	Name string

	// Root is the directory or file given on the command line that the
	// file was found under; empty for embedded files.
	Root string

	Raw    []byte
	Module *ast.Module
}

// Files is a set of parsed Rego files, sorted by name.
type Files []File

// Modules returns the parsed modules keyed by name, as ast.Compiler takes
// them.
func (fs Files) Modules() map[string]*ast.Module {
	modules := make(map[string]*ast.Module, len(fs))
	for _, f := range fs {
		modules[f.Name] = f.Module
	}

	return modules
}

// Merge returns the files of every set, sorted by name.
func Merge(sets ...Files) Files {
	byName := map[string]File{}
	for _, set := range sets {
		for _, f := range set {
			byName[f.Name] = f
		}
	}

	out := make(Files, 0, len(byName))
	for _, name := range slices.Sorted(maps.Keys(byName)) {
		out = append(out, byName[name])
	}

	return out
}

// Builtin parses berth's built-in rules, named policies/<rule>/<file>.rego.
// Test files are left out unless withTests is set.
func Builtin(withTests bool) (Files, error) {
	return ParseFS(policies.FS, "policies/", withTests)
}

// Library parses berth's Rego library, named rego/berth/....
func Library(withTests bool) (Files, error) {
	return ParseFS(regolib.FS, "rego/", withTests)
}

// ParseFS parses every .rego file of fsys and names each prefix + its
// path. Test files (_test.rego) are left out unless withTests is set,
// because checks never run them. A file that does not parse does not stop
// the others, and the error lists every one.
func ParseFS(fsys fs.FS, prefix string, withTests bool) (Files, error) {
	var (
		files Files
		errs  []error
	)
	opts := parserOptions()

	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !isPolicyFile(path, withTests) {
			return nil
		}

		raw, err := fs.ReadFile(fsys, path)
		if err != nil {
			errs = append(errs, err)
			return nil
		}

		name := prefix + path
		module, err := ast.ParseModuleWithOpts(name, string(raw), opts)
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		files = append(files, File{Name: name, Raw: raw, Module: module})

		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read policies: %w", err)
	}
	if len(errs) > 0 {
		return nil, newListError("parse policies", errs)
	}

	return Merge(files), nil
}

func isPolicyFile(path string, withTests bool) bool {
	if !strings.HasSuffix(path, ".rego") {
		return false
	}

	return withTests || !strings.HasSuffix(path, "_test.rego")
}

// parserOptions parses Rego v1 with berth's capabilities and keeps the
// METADATA annotations that rule ids and parameters come from.
func parserOptions() ast.ParserOptions {
	return ast.ParserOptions{
		Capabilities:      Capabilities(),
		ProcessAnnotation: true,
		RegoVersion:       ast.RegoV1,
	}
}
