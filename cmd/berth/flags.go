package main

import (
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

func (f *loadFlags) options(paths []string) runner.Options {
	return runner.Options{
		Root:         f.root,
		Paths:        paths,
		ComposeFiles: f.composeFiles,
		Backlog:      f.backlog,
		MaxFileSize:  f.maxFileSize,
		Compose: compose.Options{
			EnvFiles: f.envFiles,
			Env:      f.env,
			OSEnv:    f.osEnv,
			Profiles: f.profiles,
		},
	}
}
