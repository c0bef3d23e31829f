package evaluate

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// parseModules parses every .rego file of fsys. Test files are left out
// unless withTests is set, because checks never run them.
func parseModules(fsys fs.FS, prefix string, withTests bool, caps *ast.Capabilities) (map[string]*ast.Module, error) {
	modules := map[string]*ast.Module{}

	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".rego") {
			return nil
		}
		if !withTests && strings.HasSuffix(path, "_test.rego") {
			return nil
		}

		content, err := fs.ReadFile(fsys, path)
		if err != nil {
			return fmt.Errorf("read policy %s: %w", path, err)
		}

		name := prefix + path
		module, err := ast.ParseModuleWithOpts(name, string(content), ast.ParserOptions{
			Capabilities:      caps,
			ProcessAnnotation: true,
			RegoVersion:       ast.RegoV1,
		})
		if err != nil {
			return fmt.Errorf("parse policy: %w", err)
		}
		modules[name] = module

		return nil
	})

	return modules, err
}
