// Package verify runs the Rego unit tests of berth's built-in rules and
// library, and of the user's policies, with OPA's tester, compiled with
// berth's restricted capabilities.
package verify

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/berth-policy/berth/engine/evaluate/policy"
)

// Options configure Run. The zero value runs the built-in tests.
type Options struct {
	// Paths are the user's policy files or directories. Their .rego files,
	// tests included, are compiled with the built-in ones, and their JSON
	// and YAML files are mounted under data, as opa test does. Default:
	// none.
	Paths []string

	// Verbose prints every test and the trace of each failure, as opa test
	// -v does, instead of only the failures. Default: false.
	Verbose bool

	// Run, when set, runs only the tests whose package and name match this
	// regular expression, as opa test --run does. Default: every test.
	Run string
}

// Summary counts the outcomes of the tests that ran.
type Summary struct {
	Passed  int
	Failed  int
	Errored int
	Skipped int
}

// Total is the number of tests that ran or were skipped.
func (s Summary) Total() int {
	return s.Passed + s.Failed + s.Errored + s.Skipped
}

// OK reports whether no test failed or raised an error.
func (s Summary) OK() bool {
	return s.Failed == 0 && s.Errored == 0
}

// Run compiles the tests and writes their results to w as opa test does:
// the failures with their file and line (every test when Verbose), then
// PASS: n/total and FAIL: n/total. The error is for files that do not
// load or compile; failing tests only show in the Summary.
func Run(ctx context.Context, w io.Writer, opts Options) (Summary, error) {
	files, err := testFiles(opts.Paths)
	if err != nil {
		return Summary{}, err
	}

	data := map[string]any{}
	if len(opts.Paths) > 0 {
		if data, err = policy.LoadData(opts.Paths); err != nil {
			return Summary{}, err
		}
	}

	runner := tester.NewRunner().
		SetCompiler(policy.NewCompiler(false).WithEnablePrintStatements(true)).
		SetModules(files.Modules()).
		SetStore(inmem.NewFromObject(data)).
		CapturePrintOutput(true).
		EnableTracing(opts.Verbose).
		Filter(opts.Run)

	ch, err := runner.RunTests(ctx, nil)
	if err != nil {
		return Summary{}, policy.AsCompileError("compile tests", err)
	}

	results, summary := collect(ch)

	reporter := tester.PrettyReporter{Output: w, Verbose: opts.Verbose}
	if err := reporter.Report(replay(results)); err != nil {
		return summary, fmt.Errorf("write test results: %w", err)
	}

	return summary, nil
}

// testFiles parses the built-in rules, the library and the user's files,
// tests included.
func testFiles(paths []string) (policy.Files, error) {
	builtin, err := policy.Builtin(true)
	if err != nil {
		return nil, err
	}
	library, err := policy.Library(true)
	if err != nil {
		return nil, err
	}

	var user policy.Files
	if len(paths) > 0 {
		if user, err = policy.Load(paths, true); err != nil {
			return nil, err
		}
	}

	return policy.Merge(builtin, library, user), nil
}

// collect reads every result and sorts them by file, line and name, since
// the tester sends them in the order they finish.
func collect(ch chan *tester.Result) ([]*tester.Result, Summary) {
	var (
		results []*tester.Result
		summary Summary
	)
	for r := range ch {
		results = append(results, r)
		switch {
		case r.Skip:
			summary.Skipped++
		case r.Error != nil:
			summary.Errored++
		case r.Fail:
			summary.Failed++
		default:
			summary.Passed++
		}
	}

	slices.SortFunc(results, func(a, b *tester.Result) int {
		fileA, rowA := position(a)
		fileB, rowB := position(b)
		if c := cmp.Compare(fileA, fileB); c != 0 {
			return c
		}
		if c := cmp.Compare(rowA, rowB); c != 0 {
			return c
		}

		return cmp.Compare(a.Package+"."+a.Name, b.Package+"."+b.Name)
	})

	return results, summary
}

func position(r *tester.Result) (string, int) {
	if r.Location == nil {
		return "", 0
	}

	return r.Location.File, r.Location.Row
}

func replay(results []*tester.Result) chan *tester.Result {
	ch := make(chan *tester.Result, len(results))
	for _, r := range results {
		ch <- r
	}
	close(ch)

	return ch
}
