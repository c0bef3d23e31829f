package main

import (
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/berth-policy/berth/engine/compose"
	"github.com/berth-policy/berth/engine/runner"
	"github.com/berth-policy/berth/engine/textfile"
)

// loadFlags are the flags of every command that loads a repository.
type loadFlags struct {
	root         string
	composeFiles []string
	backlog      string
	envFiles     []string
	env          []string
	osEnv        bool
	profiles     []string
	maxFileSize  int64
}

func (f *loadFlags) register(cmd *cobra.Command) {
	flags := cmd.Flags()
	flags.StringVar(&f.root, "root", ".", "directory that paths in the output are relative to; open reports with it as the workspace")
	flags.StringArrayVarP(&f.composeFiles, "compose-file", "f", nil, "Compose file of one explicit project, in merge order as docker compose -f (repeatable)")
	flags.StringVar(&f.backlog, "backlog", "", "backlog file (default: berth.hcl in the first directory checked, else the built-in backlog)")
	flags.StringArrayVar(&f.envFiles, "env-file", nil, "env file used for interpolation instead of each project's .env (repeatable)")
	flags.StringArrayVar(&f.env, "env", nil, "variable for interpolation as NAME=VALUE (repeatable)")
	flags.BoolVar(&f.osEnv, "os-env", false, "also interpolate from the process environment (off because CI environments hold secrets)")
	flags.StringArrayVar(&f.profiles, "profile", nil, "Compose profile to mark active (repeatable); services of other profiles are still checked")
	flags.Int64Var(&f.maxFileSize, "max-file-size", textfile.DefaultMaxSize, "largest file loaded, in bytes")
}

// options turns the flags into runner options. Paths on the command line
// are relative to the working directory, as in any command, not to --root.
func (f *loadFlags) options(paths []string) runner.Options {
	backlog := ""
	if f.backlog != "" {
		backlog = absolute(f.backlog)
	}

	return runner.Options{
		Root:         f.root,
		Paths:        absoluteAll(paths),
		ComposeFiles: absoluteAll(f.composeFiles),
		Backlog:      backlog,
		MaxFileSize:  f.maxFileSize,
		Compose: compose.Options{
			EnvFiles: absoluteAll(f.envFiles),
			Env:      f.env,
			OSEnv:    f.osEnv,
			Profiles: f.profiles,
		},
	}
}

func absolute(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}

	return abs
}

func absoluteAll(paths []string) []string {
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		out = append(out, absolute(p))
	}

	return out
}
