package report_test

import (
	"context"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/berth-policy/berth/bench/stackgen"
	"github.com/berth-policy/berth/engine/evaluate"
	"github.com/berth-policy/berth/engine/report"
	"github.com/berth-policy/berth/engine/runner"
)

// BenchmarkWriteSARIF writes the SARIF report of generated stacks of 20 and
// 200 services, and of 2,000 with BERTH_BENCH_LARGE=1. Writing includes
// reading the files with findings to compute their line fingerprints.
func BenchmarkWriteSARIF(b *testing.B) {
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
			result, err := runner.Check(ctx, eval, doc, runner.Settings{Version: "bench", Today: time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC), Root: dir})
			if err != nil {
				b.Fatal(err)
			}
			reporter, err := report.New(report.FormatSARIF, report.Options{Root: dir})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(len(result.Findings)), "findings")
			b.ReportAllocs()

			for b.Loop() {
				if err := reporter.Write(io.Discard, result); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
