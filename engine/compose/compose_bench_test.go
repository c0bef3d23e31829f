package compose_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/berth-policy/berth/bench/stackgen"
	"github.com/berth-policy/berth/engine/compose"
)

// BenchmarkLoad loads one Compose project: a generated project of 20
// services, and the blueprint fixture's mainpc project with its .env.
func BenchmarkLoad(b *testing.B) {
	generated := b.TempDir()
	if _, err := stackgen.Write(generated, stackgen.Config{Projects: 1, Services: 20, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	blueprint, err := filepath.Abs(filepath.Join("..", "..", "fixtures", "blueprint"))
	if err != nil {
		b.Fatal(err)
	}

	cases := []struct {
		name, root, file string
	}{
		{"generated-20-services", generated, filepath.Join(generated, "p001", "docker-compose.yml")},
		{"blueprint-mainpc", blueprint, filepath.Join(blueprint, "mainpc", "docker-compose.yml")},
	}

	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			opts := compose.Options{Root: c.root}
			b.ReportAllocs()

			for b.Loop() {
				if _, err := compose.Load(ctx, []string{c.file}, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
