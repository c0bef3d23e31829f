package runner_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/berth-policy/berth/bench/stackgen"
	"github.com/berth-policy/berth/engine/backlog"
	"github.com/berth-policy/berth/engine/evaluate"
	"github.com/berth-policy/berth/engine/runner"
)

// BenchmarkBuildInput discovers and loads the blueprint fixture and
// generated stacks of 20 and 200 services, and of 2,000 with
// BERTH_BENCH_LARGE=1, into one input document, as berth check does before
// it evaluates.
func BenchmarkBuildInput(b *testing.B) {
	ctx := context.Background()
	eval, err := evaluate.New(ctx)
	if err != nil {
		b.Fatal(err)
	}
	schemas := ruleSchemas(eval)

	b.Run("blueprint", func(b *testing.B) {
		root, err := filepath.Abs(filepath.Join("..", "..", "fixtures", "blueprint"))
		if err != nil {
			b.Fatal(err)
		}
		benchmarkBuildInput(b, root, schemas)
	})

	for _, projects := range stackgen.BenchmarkProjects() {
		b.Run(fmt.Sprintf("services=%d", projects*20), func(b *testing.B) {
			benchmarkBuildInput(b, generate(b, projects), schemas)
		})
	}
}

func benchmarkBuildInput(b *testing.B, root string, schemas []backlog.RuleSchema) {
	ctx := context.Background()
	b.ReportAllocs()

	for b.Loop() {
		if _, err := runner.BuildInput(ctx, runner.Options{Root: root}, schemas); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheck evaluates the policies over a prepared input document and
// applies the backlog, which is berth check minus loading and reporting.
// It runs on the blueprint fixture and on the generated stacks of
// BenchmarkBuildInput.
func BenchmarkCheck(b *testing.B) {
	ctx := context.Background()
	eval, err := evaluate.New(ctx)
	if err != nil {
		b.Fatal(err)
	}

	b.Run("blueprint", func(b *testing.B) {
		root, err := filepath.Abs(filepath.Join("..", "..", "fixtures", "blueprint"))
		if err != nil {
			b.Fatal(err)
		}
		benchmarkCheck(b, eval, root)
	})

	for _, projects := range stackgen.BenchmarkProjects() {
		b.Run(fmt.Sprintf("services=%d", projects*20), func(b *testing.B) {
			benchmarkCheck(b, eval, generate(b, projects))
		})
	}
}

func benchmarkCheck(b *testing.B, eval *evaluate.Evaluator, root string) {
	ctx := context.Background()
	doc, err := runner.BuildInput(ctx, runner.Options{Root: root}, ruleSchemas(eval))
	if err != nil {
		b.Fatal(err)
	}
	settings := runner.Settings{Version: "bench", Today: time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC), Root: root}
	b.ReportAllocs()

	for b.Loop() {
		if _, err := runner.Check(ctx, eval, doc, settings); err != nil {
			b.Fatal(err)
		}
	}
}

func generate(b *testing.B, projects int) string {
	b.Helper()

	dir := b.TempDir()
	if _, err := stackgen.Write(dir, stackgen.Config{Projects: projects, Services: 20, Seed: 1}); err != nil {
		b.Fatal(err)
	}

	return dir
}

// ruleSchemas describes the compiled rules to the backlog loader, as berth
// check does.
func ruleSchemas(eval *evaluate.Evaluator) []backlog.RuleSchema {
	params := eval.Params()

	var out []backlog.RuleSchema
	for _, r := range eval.Rules() {
		out = append(out, backlog.RuleSchema{ID: r.ID, Title: r.Title, Priority: r.Priority, Params: params[r.ID]})
	}

	return out
}
