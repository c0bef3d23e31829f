// Command stackgen writes a synthetic Compose stack for berth's benchmarks
// and prints the violations it planted.
//
// Usage:
//
//	go run ./bench/cmd/stackgen -out DIR -projects N -services M -seed S [-json]
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/berth-policy/berth/bench/stackgen"
)

func main() {
	err := run(os.Args[1:], os.Stdout)
	if errors.Is(err, flag.ErrHelp) {
		// The flag package has printed the usage that -h asked for.
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "stackgen:", err)
		os.Exit(2)
	}
}

func run(args []string, stdout io.Writer) error {
	flags := flag.NewFlagSet("stackgen", flag.ContinueOnError)
	out := flags.String("out", "", "folder to write the stack into (required); existing files of the same names are overwritten")
	projects := flags.Int("projects", 1, "number of Compose projects")
	services := flags.Int("services", 20, "number of services in each project")
	seed := flags.Uint64("seed", 1, "seed that chooses where violations are planted")
	asJSON := flags.Bool("json", false, "print the planted counts as JSON instead of a table")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("missing -out: name the folder to write the stack into")
	}

	counts, err := stackgen.Write(*out, stackgen.Config{Projects: *projects, Services: *services, Seed: *seed})
	if err != nil {
		return err
	}

	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(counts)
	}

	return printCounts(stdout, *out, counts)
}

func printCounts(w io.Writer, out string, c stackgen.Counts) error {
	_, err := fmt.Fprintf(w, `wrote %s: %d projects, %d services, %d Compose files, %d Dockerfiles, %d requirement files
planted violations:
  docker socket mounts (C-6)         %6d
  duplicate host ports (C-10)        %6d
  healthchecks (C-9)                 %6d  (%d missing, %d disabled, %d probing /status)
  unpinned pip installs (C-17)       %6d  (%d RUN pip install, %d requirements.txt lines)
  unpinned base images (C-17)        %6d  (%d :latest, %d untagged)
`,
		out, c.Projects, c.Services, c.ComposeFiles, c.Dockerfiles, c.RequirementFiles,
		c.SocketMounts,
		c.DuplicatePorts,
		c.Healthchecks(), c.MissingHealthchecks, c.DisabledHealthchecks, c.WrongHealthchecks,
		c.PipPins(), c.UnpinnedPipInstalls, c.UnpinnedRequirements,
		c.BaseImages(), c.LatestBaseImages, c.UntaggedBaseImages,
	)

	return err
}
