package policy

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/loader"
)

// Load parses the user's .rego files at paths, each a file or a directory
// searched recursively, with OPA's loader. Other files are skipped, and so
// are test files (_test.rego) unless withTests is set. Modules keep the
// path they were found at, as given, so errors name the file the user
// wrote. Load reads every path before it fails, and the error lists every
// file that is missing or does not parse.
func Load(paths []string, withTests bool) (Files, error) {
	var (
		files Files
		errs  []error
	)

	for _, root := range paths {
		loaded, err := loadRoot(root, withTests)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		files = append(files, loaded...)
	}
	if len(errs) > 0 {
		return nil, newListError("load policies", flatten(errs))
	}

	return Merge(files), nil
}

func loadRoot(root string, withTests bool) (Files, error) {
	if _, err := os.Stat(root); err != nil {
		return nil, fmt.Errorf("policy path %s not found: pass an existing file or directory", root)
	}

	result, err := loader.NewFileLoader().
		WithProcessAnnotation(true).
		WithRegoVersion(ast.RegoV1).
		WithCapabilities(Capabilities()).
		Filtered([]string{root}, func(_ string, info fs.FileInfo, _ int) bool {
			return !info.IsDir() && !isPolicyFile(info.Name(), withTests)
		})
	if err != nil {
		return nil, err
	}
	if len(result.Modules) == 0 {
		return nil, fmt.Errorf("no .rego files found in %s", root)
	}

	files := make(Files, 0, len(result.Modules))
	for _, m := range result.Modules {
		files = append(files, File{Name: m.Name, Root: root, Raw: m.Raw, Module: m.Parsed})
	}

	return files, nil
}

// flatten spreads the errors that OPA's loader gathers, one per file, so
// that each gets its own line.
func flatten(errs []error) []error {
	var out []error
	for _, err := range errs {
		var loadErrs loader.Errors
		if errors.As(err, &loadErrs) {
			out = append(out, loadErrs...)
			continue
		}
		out = append(out, err)
	}

	return out
}
