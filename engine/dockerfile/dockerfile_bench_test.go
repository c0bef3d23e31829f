package dockerfile_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/berth-policy/berth/bench/stackgen"
	"github.com/berth-policy/berth/engine/dockerfile"
)

// BenchmarkParse parses a generated single-stage Dockerfile and the
// blueprint fixture's multi-stage one.
func BenchmarkParse(b *testing.B) {
	stack, err := stackgen.Generate(stackgen.Config{Projects: 1, Services: 1, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var generated []byte
	for _, f := range stack.Files {
		if filepath.Base(f.Path) == "Dockerfile" {
			generated = f.Content
		}
	}
	multiStage, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "blueprint", "services", "unified-observability-center", "Dockerfile"))
	if err != nil {
		b.Fatal(err)
	}

	cases := []struct {
		name    string
		content []byte
	}{
		{"generated", generated},
		{"blueprint-multi-stage", multiStage},
	}

	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.content)))

			for b.Loop() {
				if _, err := dockerfile.Parse("Dockerfile", c.content); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
