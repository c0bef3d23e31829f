// Package compose loads Compose projects through compose-go, so that
// overrides, extends, include, profiles and interpolation behave as in
// Docker Compose, and records where in the YAML each value was written.
package compose

import (
	"context"
	"path/filepath"
	"slices"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"

	"github.com/berth-policy/berth/engine/input"
)

// Options control how projects are interpolated and which profiles are
// active.
type Options struct {
	// Root is the directory that every path in the input is relative to.
	Root string

	// EnvFiles replace the project's .env file, as --env-file does for
	// Docker Compose.
	EnvFiles []string

	// Env sets variables as NAME=VALUE and wins over env files.
	Env []string

	// OSEnv adds the process environment. It is off by default because CI
	// environments hold secrets that must not reach findings.
	OSEnv bool

	// Profiles are the active profiles. Services of other profiles are
	// still loaded and checked, but marked inactive.
	Profiles []string
}

// Load loads the project made of files, which are absolute paths in merge
// order. A project that Docker Compose would reject returns one
// input.LoadError naming the file, line and problem.
func Load(ctx context.Context, files []string, opts Options) (input.Project, error) {
	src := newSources(opts.Root)
	if err := checkSyntax(src, files); err != nil {
		return input.Project{}, err
	}

	project, err := loadProject(ctx, files, opts, true)
	if err != nil && isReferenceError(err) {
		// A reference to an unknown service is a finding, not a reason to
		// stop: load again without the consistency check and let the rules
		// report the dangling reference from the input.
		project, err = loadProject(ctx, files, opts, false)
	}
	if err != nil {
		return input.Project{}, loadError(src, files, err, opts.Root)
	}

	return convertProject(project, files, src, opts), nil
}

// checkSyntax parses every file of the project and the files they extend
// or include, reporting the first syntax error or duplicate key with its
// position.
func checkSyntax(src *sources, files []string) error {
	for _, abs := range files {
		f, err := src.get(abs)
		if err != nil {
			return syntaxError(relativePath(src.root, abs), err)
		}
		if errs := duplicateKeys(f, f.root); len(errs) > 0 {
			return errs[0]
		}
	}

	return nil
}

func loadProject(ctx context.Context, files []string, opts Options, consistency bool) (*types.Project, error) {
	fns := []cli.ProjectOptionsFn{
		cli.WithWorkingDirectory(filepath.Dir(files[0])),
		cli.WithEnvFiles(opts.EnvFiles...),
		cli.WithDotEnv,
		cli.WithEnv(opts.Env),
		cli.WithResolvedPaths(true),
		cli.WithConsistency(consistency),
		// Every profile is enabled so that inactive services are loaded
		// too; Active records which ones the chosen profiles start.
		cli.WithProfiles([]string{"*"}),
		cli.WithLoadOptions(func(o *loader.Options) { o.SkipResolveEnvironment = false }),
	}
	if opts.OSEnv {
		fns = append(fns, cli.WithOsEnv)
	}

	po, err := cli.NewProjectOptions(files, fns...)
	if err != nil {
		return nil, err
	}

	return po.LoadProject(ctx)
}

// isReferenceError reports whether compose-go rejected the project only
// because a service refers to a service that does not exist.
func isReferenceError(err error) bool {
	msg := err.Error()
	for _, s := range []string{"depends on undefined service", "not found for network_mode", "cannot depend on job"} {
		if strings.Contains(msg, s) {
			return true
		}
	}

	return false
}

// activeProfiles returns the profiles that start services: the chosen ones,
// or COMPOSE_PROFILES from the project environment.
func activeProfiles(project *types.Project, opts Options) []string {
	if len(opts.Profiles) > 0 {
		return opts.Profiles
	}

	var profiles []string
	for _, p := range strings.Split(project.Environment["COMPOSE_PROFILES"], ",") {
		if p = strings.TrimSpace(p); p != "" {
			profiles = append(profiles, p)
		}
	}

	return profiles
}

func isActive(service types.ServiceConfig, profiles []string) bool {
	if len(service.Profiles) == 0 || slices.Contains(profiles, "*") {
		return true
	}

	for _, p := range service.Profiles {
		if slices.Contains(profiles, p) {
			return true
		}
	}

	return false
}
