package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/berth-policy/berth/docs"
	"github.com/berth-policy/berth/engine/evaluate"
)

func newExplainCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "explain RULE",
		Long:    "explain prints a rule's documentation page. RULE is its id, such as C-13, or its name, such as plaintext-secrets.",
		Short:   "Print a rule's documentation: what it checks, why, examples and parameters",
		Example: "  berth explain C-13\n  berth explain plaintext-secrets",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id := strings.ToUpper(args[0])
			if page, ok := docs.RulePage(id); ok {
				_, err := io.WriteString(cmd.OutOrStdout(), page)
				return err
			}

			// The rule may be named by its name, as berth rules lists it,
			// and a rule without a page still has its metadata.
			eval, err := evaluate.New(cmd.Context())
			if err != nil {
				return err
			}

			var ids []string
			for _, r := range eval.Rules() {
				if r.ID == id || strings.EqualFold(r.Name, args[0]) {
					if page, ok := docs.RulePage(r.ID); ok {
						_, err := io.WriteString(cmd.OutOrStdout(), page)
						return err
					}
					_, err := fmt.Fprintf(cmd.OutOrStdout(), "# %s: %s\n\n%s\n", r.ID, r.Title, r.Description)
					return err
				}
				ids = append(ids, r.ID)
			}

			return fmt.Errorf("rule %q not found: use one of %s", args[0], strings.Join(ids, ", "))
		},
	}
}
