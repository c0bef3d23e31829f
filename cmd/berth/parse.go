package main

import (
	"encoding/json"

	"github.com/spf13/cobra"

	"github.com/berth-policy/berth/engine/evaluate"
	"github.com/berth-policy/berth/engine/runner"
)

func newParseCommand() *cobra.Command {
	var load loadFlags

	cmd := &cobra.Command{
		Use:   "parse [PATH...]",
		Short: "Print the input document that the rules evaluate, as JSON",
		Example: `  berth parse fixtures/blueprint
  berth parse -f compose.yaml -f compose.prod.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			eval, err := evaluate.New(cmd.Context())
			if err != nil {
				return err
			}

			doc, err := runner.BuildInput(cmd.Context(), load.options(args), schemas(eval))
			if err != nil {
				return err
			}

			enc := json.NewEncoder(cmd.OutOrStdout())
			enc.SetIndent("", "  ")
			if err := enc.Encode(doc); err != nil {
				return err
			}
			if len(doc.Errors) > 0 {
				return exitCodeError{exitError}
			}

			return nil
		},
	}
	load.register(cmd)

	return cmd
}
