// Command ruleprofile splits one berth run over a folder into its steps and
// times each built-in rule package on its own. CPU profiles of OPA's
// evaluator lose their callers in its deep recursion, so this is how
// BENCHMARKS.md attributes evaluation time to rules.
//
// Usage:
//
//	go run ./bench/cmd/ruleprofile [-rule NAME] [-repeat N] [-cpuprofile FILE] DIR
//
// It prints the time of loading, of the conversion to OPA's value type and
// of the policy compile, the heap in use after each step (after a forced
// garbage collection), and each rule package's deny evaluation, slowest
// first. Each rule is evaluated once, so a small input gives noisy times.
// Rules evaluated alone repeat work that one combined query shares, so their
// sum estimates the evaluation time rather than measuring it.
//
// -rule keeps one rule package, named as its folder under policies/ (such
// as docker_socket). -repeat evaluates each package N times and prints the
// mean. -cpuprofile writes a CPU profile of the rule evaluations alone, for
// go tool pprof.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/berth-policy/berth/engine/backlog"
	"github.com/berth-policy/berth/engine/evaluate"
	"github.com/berth-policy/berth/engine/evaluate/policy"
	"github.com/berth-policy/berth/engine/runner"
)

// ruleTiming is one rule package's evaluation.
type ruleTiming struct {
	pkg      string
	elapsed  time.Duration
	findings int
}

// options are the command-line flags.
type options struct {
	rule       string
	repeat     int
	cpuProfile string
}

func main() {
	var opts options
	flag.StringVar(&opts.rule, "rule", "", "evaluate only this rule package, named as its folder under policies/, such as docker_socket")
	flag.IntVar(&opts.repeat, "repeat", 1, "evaluate each rule package this many times and print the mean")
	flag.StringVar(&opts.cpuProfile, "cpuprofile", "", "write a CPU profile of the rule evaluations to this file")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: ruleprofile [-rule NAME] [-repeat N] [-cpuprofile FILE] DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 || opts.repeat < 1 {
		flag.Usage()
		os.Exit(2)
	}

	if err := run(context.Background(), flag.Arg(0), opts); err != nil {
		fmt.Fprintln(os.Stderr, "ruleprofile:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, dir string, opts options) error {
	schemas, err := ruleSchemas(ctx)
	if err != nil {
		return err
	}

	start := time.Now()
	doc, err := runner.BuildInput(ctx, runner.Options{Root: dir}, schemas)
	if err != nil {
		return err
	}
	printStep("BuildInput", time.Since(start))

	start = time.Now()
	value, err := policy.InputValue(doc)
	if err != nil {
		return err
	}
	printStep("InputValue", time.Since(start))

	start = time.Now()
	compiler, err := compile()
	if err != nil {
		return err
	}
	printStep("compile", time.Since(start))

	if opts.cpuProfile != "" {
		stop, err := startProfile(opts.cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	timings, err := timeRules(ctx, compiler, value, opts)
	if err != nil {
		return err
	}
	printStep("rules, summed", printRules(timings))

	return nil
}

// ruleSchemas describes the built-in rules to the backlog loader, as berth
// check does. It compiles the policies once more, outside the timed steps.
func ruleSchemas(ctx context.Context) ([]backlog.RuleSchema, error) {
	eval, err := evaluate.New(ctx)
	if err != nil {
		return nil, err
	}
	params := eval.Params()

	var out []backlog.RuleSchema
	for _, r := range eval.Rules() {
		out = append(out, backlog.RuleSchema{ID: r.ID, Title: r.Title, Priority: r.Priority, Params: params[r.ID]})
	}

	return out, nil
}

func compile() (*ast.Compiler, error) {
	builtin, err := policy.Builtin(false)
	if err != nil {
		return nil, err
	}
	library, err := policy.Library(false)
	if err != nil {
		return nil, err
	}

	return policy.Compile(policy.Merge(builtin, library).Modules(), true)
}

// timeRules evaluates data.berth.rules.NAME.deny for every rule package.
func timeRules(ctx context.Context, compiler *ast.Compiler, value ast.Value, opts options) ([]ruleTiming, error) {
	var timings []ruleTiming
	for _, pkg := range rulePackages(compiler) {
		if opts.rule != "" && pkg != "data.berth.rules."+opts.rule {
			continue
		}
		query, err := rego.New(
			rego.Query(pkg+".deny"),
			rego.Compiler(compiler),
			rego.Capabilities(policy.Capabilities()),
		).PrepareForEval(ctx)
		if err != nil {
			return nil, fmt.Errorf("prepare %s: %w", pkg, err)
		}

		var results rego.ResultSet
		start := time.Now()
		for range opts.repeat {
			if results, err = query.Eval(ctx, rego.EvalParsedInput(value)); err != nil {
				return nil, fmt.Errorf("evaluate %s: %w", pkg, err)
			}
		}
		elapsed := time.Since(start) / time.Duration(opts.repeat)
		timings = append(timings, ruleTiming{pkg: pkg, elapsed: elapsed, findings: countFindings(results)})
	}
	if len(timings) == 0 {
		return nil, fmt.Errorf("no rule package is named %q: pass the name of a folder under policies/, such as docker_socket", opts.rule)
	}

	sort.Slice(timings, func(i, j int) bool { return timings[i].elapsed > timings[j].elapsed })

	return timings, nil
}

func rulePackages(compiler *ast.Compiler) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range compiler.Modules {
		pkg := m.Package.Path.String()
		if strings.HasPrefix(pkg, "data.berth.rules.") && !seen[pkg] {
			seen[pkg] = true
			out = append(out, pkg)
		}
	}
	sort.Strings(out)

	return out
}

func countFindings(results rego.ResultSet) int {
	if len(results) == 0 || len(results[0].Expressions) == 0 {
		return 0
	}
	set, _ := results[0].Expressions[0].Value.([]any)

	return len(set)
}

// startProfile starts a CPU profile into path and returns its stop.
func startProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}

	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// printRules prints each rule's time and share and returns their sum.
func printRules(timings []ruleTiming) time.Duration {
	var total time.Duration
	for _, t := range timings {
		total += t.elapsed
	}

	for _, t := range timings {
		fmt.Printf("  %-45s %10v %5.1f%%  %d findings\n",
			t.pkg, t.elapsed.Round(time.Microsecond), 100*float64(t.elapsed)/float64(max(total, 1)), t.findings)
	}

	return total
}

// printStep prints a step's time and the heap in use after it.
func printStep(name string, elapsed time.Duration) {
	runtime.GC()
	var stats runtime.MemStats
	runtime.ReadMemStats(&stats)

	fmt.Printf("%-20s %10v   heap in use after it %7.1f MB, allocated so far %8.1f MB\n",
		name, elapsed.Round(time.Millisecond), float64(stats.HeapInuse)/1e6, float64(stats.TotalAlloc)/1e6)
}
