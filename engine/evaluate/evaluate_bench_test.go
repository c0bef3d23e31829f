package evaluate_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/berth-policy/berth/bench/stackgen"
	"github.com/berth-policy/berth/engine/evaluate"
	"github.com/berth-policy/berth/engine/runner"
)

// BenchmarkNew compiles the built-in policies and the Rego library, which
// every berth check does once.
func BenchmarkNew(b *testing.B) {
	ctx := context.Background()
	b.ReportAllocs()

	for b.Loop() {
		if _, err := evaluate.New(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluate runs every rule over the input document of generated
// stacks of 20 and 200 services, and of 2,000 with BERTH_BENCH_LARGE=1.
// The document is built once, outside the timed loop.
func BenchmarkEvaluate(b *testing.B) {
	ctx := context.Background()
	eval, err := evaluate.New(ctx)
	if err != nil {
		b.Fatal(err)
	}

	for _, projects := range stackgen.BenchmarkProjects() {
		b.Run(fmt.Sprintf("services=%d", projects*20), func(b *testing.B) {
			dir := b.TempDir()
			if _, err := stackgen.Write(dir, stackgen.Config{Projects: projects, Services: 20, Seed: 1}); err != nil {
				b.Fatal(err)
			}

			// The generated stack has no berth.hcl, so the loader never
			// reads the rule schemas.
			doc, err := runner.BuildInput(ctx, runner.Options{Root: dir}, nil)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()

			for b.Loop() {
				if _, err := eval.Evaluate(ctx, doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
