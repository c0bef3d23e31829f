package policies_test

import (
	"context"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/berth-policy/berth/engine/evaluate"
	"github.com/berth-policy/berth/policies"
	regolib "github.com/berth-policy/berth/rego"
)

// TestRego runs every Rego unit test of the built-in rules and the shared
// library. It compiles them as berth does, in strict mode and with berth's
// restricted capabilities. A built-in function error such as count(null)
// fails the test that raised it, because berth evaluates with strict
// built-in errors.
func TestRego(t *testing.T) {
	modules := map[string]*ast.Module{}
	parseModules(t, modules, regolib.FS, "rego/")
	parseModules(t, modules, policies.FS, "policies/")

	caps := evaluate.Capabilities()
	compiler := ast.NewCompiler().
		WithCapabilities(caps).
		WithStrict(true).
		WithEnablePrintStatements(true)

	runner := tester.NewRunner().
		SetCompiler(compiler).
		SetModules(modules).
		RaiseBuiltinErrors(true).
		SetTimeout(30 * time.Second)

	results, err := runner.RunTests(context.Background(), nil)
	if err != nil {
		t.Fatalf("compile Rego tests: %v", err)
	}

	var failures []string
	total := 0
	for result := range results {
		total++
		if result.Pass() || result.Skip {
			continue
		}
		failures = append(failures, describe(result))
	}

	if total == 0 {
		t.Fatal("found no Rego tests in policies.FS and regolib.FS")
	}

	sort.Strings(failures)
	for _, failure := range failures {
		t.Error(failure)
	}
	if len(failures) > 0 {
		t.Logf("%d of %d Rego tests failed", len(failures), total)
	}
}

// parseModules adds every .rego file of fsys, tests included, to modules
// under prefix + its path, so that failures name the file in the repository.
func parseModules(t *testing.T, modules map[string]*ast.Module, fsys fs.FS, prefix string) {
	t.Helper()

	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".rego") {
			return nil
		}

		content, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}

		name := prefix + path
		module, err := ast.ParseModuleWithOpts(name, string(content), ast.ParserOptions{
			ProcessAnnotation: true,
			RegoVersion:       ast.RegoV1,
		})
		if err != nil {
			return err
		}
		modules[name] = module

		return nil
	})
	if err != nil {
		t.Fatalf("parse Rego files under %s: %v", prefix, err)
	}
}

// describe formats a failed or erroneous test as its full name, file and
// line, followed by its error and print output.
func describe(result *tester.Result) string {
	var b strings.Builder

	outcome := "FAIL"
	if result.Error != nil {
		outcome = "ERROR"
	}
	fmt.Fprintf(&b, "%s.%s (%s:%d): %s", result.Package, result.Name, result.Location.File, result.Location.Row, outcome)

	if result.Error != nil {
		fmt.Fprintf(&b, "\n  %v", result.Error)
	}
	if len(result.Output) > 0 {
		fmt.Fprintf(&b, "\n  output: %s", strings.TrimSpace(string(result.Output)))
	}

	return b.String()
}
