package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/berth-policy/berth/engine/evaluate/verify"
)

func newVerifyCommand() *cobra.Command {
	var opts verify.Options

	cmd := &cobra.Command{
		Use:   "verify [PATH...]",
		Short: "Run the Rego unit tests of the built-in rules and of your policies",
		Long: `verify runs the test_ rules of berth's built-in rules and library, and of the
.rego files under each PATH, with OPA's test runner, compiled as berth
compiles policies: without http.send, net.* and opa.runtime. JSON and YAML
files under each PATH are mounted under data, as opa test does. It prints
results as opa test does.

Exit status: 0 when every test passes, 1 when a test fails, raises an error
or no test matches --run, 2 when a file does not load or compile.`,
		Example: `  berth verify
  berth verify policy/ -v
  berth verify policy/ --run 'test_deny_'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args

			summary, err := verify.Run(cmd.Context(), cmd.OutOrStdout(), opts)
			if err != nil {
				return err
			}
			if summary.Total() == 0 {
				fmt.Fprintf(cmd.ErrOrStderr(), "berth: no test matches --run %q\n", opts.Run)
				return exitCodeError{exitFindings}
			}
			if !summary.OK() {
				return exitCodeError{exitFindings}
			}

			return nil
		},
	}

	flags := cmd.Flags()
	flags.BoolVarP(&opts.Verbose, "verbose", "v", false, "print every test and the trace of each failure")
	flags.StringVarP(&opts.Run, "run", "r", "", "run only the tests whose package and name match this regular expression")

	return cmd
}
