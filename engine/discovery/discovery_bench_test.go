package discovery_test

import (
	"fmt"
	"testing"

	"github.com/berth-policy/berth/bench/stackgen"
	"github.com/berth-policy/berth/engine/discovery"
)

// BenchmarkFind walks generated stacks of 20 and 200 services, and of
// 2,000 with BERTH_BENCH_LARGE=1. Each service has a Dockerfile and a
// requirements.txt.
func BenchmarkFind(b *testing.B) {
	for _, projects := range stackgen.BenchmarkProjects() {
		b.Run(fmt.Sprintf("services=%d", projects*20), func(b *testing.B) {
			dir := b.TempDir()
			if _, err := stackgen.Write(dir, stackgen.Config{Projects: projects, Services: 20, Seed: 1}); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()

			for b.Loop() {
				if _, err := discovery.Find(dir, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
