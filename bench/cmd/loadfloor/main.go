// Command loadfloor is the load-only floor of berth's benchmarks: it finds
// the files that berth checks, as berth's discovery does, and loads them
// with the libraries berth builds on, set up the same way, and does
// nothing else. Compose projects load through compose-go, in parallel as
// in berth. Dockerfiles are parsed into BuildKit's syntax tree and its
// typed instructions. Requirement files are read and split into lines.
// Positions, rules and reports are left out, so berth's whole run over
// this command's time is what evaluation and reporting add to loading.
//
// Usage:
//
//	loadfloor DIR
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/sirupsen/logrus"

	"github.com/berth-policy/berth/engine/compose"
	"github.com/berth-policy/berth/engine/discovery"
	"github.com/berth-policy/berth/internal/gcpace"
	"github.com/berth-policy/berth/internal/parallel"
)

func main() {
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: loadfloor DIR")
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}

	// The same garbage collection settings as berth, so that the floor
	// differs from berth only in the work it leaves out.
	gcpace.Tune()

	// compose-go warns about unset variables through logrus; berth
	// silences it the same way.
	logrus.SetOutput(io.Discard)

	if err := run(context.Background(), flag.Arg(0)); err != nil {
		fmt.Fprintln(os.Stderr, "loadfloor:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, dir string) error {
	root, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	found, err := discovery.Find(root, nil)
	if err != nil {
		return err
	}

	services, err := loadProjects(ctx, root, found.Projects)
	if err != nil {
		return err
	}

	for _, path := range found.Dockerfiles {
		if err := parseDockerfile(path); err != nil {
			return err
		}
	}

	lines := 0
	for _, path := range found.Requirements {
		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		lines += bytes.Count(content, []byte("\n"))
	}

	fmt.Printf("loaded %d projects of %d services, %d Dockerfiles and %d requirement files of %d lines\n",
		len(found.Projects), services, len(found.Dockerfiles), len(found.Requirements), lines)

	return nil
}

// loadProjects loads every project and returns the number of services.
// Unlike berth, it stops at the first project that does not load.
func loadProjects(ctx context.Context, root string, projects [][]string) (int, error) {
	counts := make([]int, len(projects))
	errs := make([]error, len(projects))
	parallel.ForEach(len(projects), func(i int) {
		project, err := compose.LoadModel(ctx, projects[i], compose.Options{Root: root})
		if err != nil {
			errs[i] = fmt.Errorf("load %s: %w", projects[i][0], err)
			return
		}
		counts[i] = len(project.Services) + len(project.DisabledServices)
	})

	services := 0
	for i := range projects {
		if errs[i] != nil {
			return 0, errs[i]
		}
		services += counts[i]
	}

	return services, nil
}

func parseDockerfile(path string) error {
	content, err := os.ReadFile(path)
	if err != nil {
		return err
	}

	result, err := parser.Parse(bytes.NewReader(content))
	if err != nil {
		return fmt.Errorf("parse %s: %w", path, err)
	}
	if _, _, err := instructions.Parse(result.AST, nil); err != nil {
		return fmt.Errorf("parse %s: %w", path, err)
	}

	return nil
}
