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
	env := projectEnv(files, opts)
	if err := checkSyntax(src, files, env); err != nil {
		return input.Project{}, err
	}

	project, err := loadProject(ctx, files, opts, true)
	if err != nil && isReferenceError(err) {
		project, err = loadWithReferenceProblems(ctx, files, opts)
	}

	var (
		placeheld []string
		missing   []input.LoadError
	)
	if err != nil {
		if _, required := requiredVariable(err); required {
			var retried error
			project, placeheld, missing, retried = loadWithPlaceholders(ctx, files, opts, src, env, err)
			if retried != nil {
				// Another problem remains; report the first one, as
				// Docker Compose would.
				return input.Project{}, missing[0]
			}
			err = nil
		}
	}
	if err != nil {
		return input.Project{}, loadError(src, files, env, err, opts.Root)
	}

	converted := convertProject(project, files, src, opts)
	if len(missing) > 0 {
		markPlaceholders(&converted, placeheld)
		return converted, PartialError{Errors: missing}
	}

	return converted, nil
}

// projectEnv returns the variables the project is interpolated with, or
// nil when they cannot be read.
func projectEnv(files []string, opts Options) map[string]string {
	po, err := projectOptions(files, opts, true)
	if err != nil {
		return nil
	}

	return po.Environment
}

// LoadModel loads the project made of files with compose-go alone, set up
// as Load sets it up, without the positions, checks and conversion that
// Load adds. The benchmarks time it as the floor of loading.
func LoadModel(ctx context.Context, files []string, opts Options) (*types.Project, error) {
	return loadProject(ctx, files, opts, true)
}

func loadProject(ctx context.Context, files []string, opts Options, consistency bool) (*types.Project, error) {
	po, err := projectOptions(files, opts, consistency)
	if err != nil {
		return nil, err
	}

	return po.LoadProject(ctx)
}

// projectOptions sets compose-go up as Docker Compose does for files.
func projectOptions(files []string, opts Options, consistency bool) (*cli.ProjectOptions, error) {
	fns := []cli.ProjectOptionsFn{cli.WithWorkingDirectory(filepath.Dir(files[0]))}

	// The process environment comes first because env files only fill in
	// variables that are still unset. So a variable exported in the shell
	// wins over the same one in .env, as in Docker Compose.
	if opts.OSEnv {
		fns = append(fns, cli.WithOsEnv)
	}

	fns = append(fns,
		cli.WithEnvFiles(opts.EnvFiles...),
		cli.WithDotEnv,
		cli.WithEnv(opts.Env),
		cli.WithResolvedPaths(true),
		cli.WithConsistency(consistency),
		// Every profile is enabled so that inactive services are loaded
		// too; Active records which ones the chosen profiles start.
		cli.WithProfiles([]string{"*"}),
		cli.WithLoadOptions(func(o *loader.Options) { o.SkipResolveEnvironment = false }),
	)

	return cli.NewProjectOptions(files, fns...)
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
