package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/berth-policy/berth/engine/bundle"
)

func newBundleCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bundle",
		Short: "Build OPA bundles of berth's policies",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newBundleBuildCommand())

	return cmd
}

func newBundleBuildCommand() *cobra.Command {
	var (
		output string
		opts   bundle.Options
	)

	cmd := &cobra.Command{
		Use:   "build -o FILE.tar.gz",
		Short: "Write an OPA bundle of the rules, your policies and the backlog parameters",
		Long: `build writes an OPA bundle (a .tar.gz file) with berth's built-in rules and
library, your policies from --policy under user/, and the parameters of the
--backlog items as data at data.berth.backlog. The manifest's revision is
berth's version and a hash of the content, and its roots are berth and the
packages of your policies.

Evaluate it with berth check --bundle, or with stock OPA:

  berth parse . > input.json
  opa eval -b berth.tar.gz -i input.json data.berth.main.findings`,
		Example: `  berth bundle build -o berth.tar.gz
  berth bundle build -o berth.tar.gz --backlog berth.hcl -p policy/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.Version = version

			b, err := bundle.Build(cmd.Context(), opts)
			if err != nil {
				return err
			}
			if err := bundle.WriteFile(output, b); err != nil {
				return err
			}

			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s: %d modules, revision %s\n", output, len(b.Modules), b.Manifest.Revision)

			return nil
		},
	}

	flags := cmd.Flags()
	flags.StringVarP(&output, "output", "o", "", "bundle file to write, such as berth.tar.gz (required)")
	flags.StringVar(&opts.Backlog, "backlog", "", "backlog file whose item parameters the bundle carries (default: none, so rules use their defaults)")
	flags.StringArrayVarP(&opts.Policies, "policy", "p", nil, "file or directory of your own Rego policies to include (repeatable)")
	_ = cmd.MarkFlagRequired("output")

	return cmd
}
