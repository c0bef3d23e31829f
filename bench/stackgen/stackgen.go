// Package stackgen generates synthetic Compose stacks for berth's
// benchmarks and for tests that need a known number of violations.
//
// A stack has one folder per Compose project. Each folder holds a
// docker-compose.yml, a .env file and one sub-folder per service with a
// Dockerfile and a requirements.txt. Every service publishes ports, mounts
// volumes, sets environment variables and labels, and all but the first
// depend on an earlier service. The generator plants a fixed number of
// violations per project at positions chosen by the seed, and returns how
// many it planted of each kind.
package stackgen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
)

// MaxServices is the largest total number of services in one stack. Host
// ports are unique across the whole stack and must stay below 65536.
const MaxServices = 20000

// Config sets the shape of a generated stack.
type Config struct {
	// Projects is the number of Compose projects.
	Projects int

	// Services is the number of services in each project.
	Services int

	// Seed chooses which services carry the planted violations. The same
	// seed and shape always give the same bytes.
	Seed uint64
}

// File is one generated file.
type File struct {
	// Path is slash-separated and relative to the stack's folder.
	Path    string
	Content []byte
}

// Stack is a generated stack in memory.
type Stack struct {
	// Files are sorted by Path.
	Files  []File
	Counts Counts
}

// BenchmarkProjects returns the project counts, of 20 services each, that
// berth's Go benchmarks run: 1 and 10, and also 100 (2,000 services) when
// the environment variable BERTH_BENCH_LARGE is set to any non-empty value.
// The large size is opt-in because loading it takes seconds on each of
// several benchmarks.
func BenchmarkProjects() []int {
	if os.Getenv("BERTH_BENCH_LARGE") != "" {
		return []int{1, 10, 100}
	}

	return []int{1, 10}
}

// Generate builds the stack in memory.
func Generate(cfg Config) (Stack, error) {
	if err := cfg.validate(); err != nil {
		return Stack{}, err
	}

	rng := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))
	var stack Stack
	for p := range cfg.Projects {
		project := planProject(rng, cfg, p)
		stack.Files = append(stack.Files, project.files()...)
		stack.Counts.add(project.counts())
	}

	sort.Slice(stack.Files, func(i, j int) bool { return stack.Files[i].Path < stack.Files[j].Path })

	return stack, nil
}

// Write generates the stack into dir, creating folders as needed, and
// returns the planted counts. Files that already exist are overwritten.
func Write(dir string, cfg Config) (Counts, error) {
	stack, err := Generate(cfg)
	if err != nil {
		return Counts{}, err
	}

	for _, f := range stack.Files {
		target := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return Counts{}, fmt.Errorf("create folder for %s: %w", f.Path, err)
		}
		if err := os.WriteFile(target, f.Content, 0o644); err != nil {
			return Counts{}, fmt.Errorf("write %s: %w", f.Path, err)
		}
	}

	return stack.Counts, nil
}

func (cfg Config) validate() error {
	if cfg.Projects < 1 {
		return fmt.Errorf("invalid project count %d: want at least 1", cfg.Projects)
	}
	if cfg.Services < 1 {
		return fmt.Errorf("invalid service count %d: want at least 1 per project", cfg.Services)
	}
	if total := cfg.Projects * cfg.Services; total > MaxServices {
		return fmt.Errorf("too many services: %d projects × %d services is %d, over the maximum of %d, because every service gets its own host ports below 65536; use fewer projects or services",
			cfg.Projects, cfg.Services, total, MaxServices)
	}

	return nil
}
