package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/berth-policy/berth/engine/backlog"
	"github.com/berth-policy/berth/engine/evaluate"
	"github.com/berth-policy/berth/engine/runner"
)

func newBacklogCommand() *cobra.Command {
	var (
		load   loadFlags
		format string
	)

	cmd := &cobra.Command{
		Use:   "backlog [PATH...]",
		Short: "Compare each backlog item's declared status with what its rule finds",
		Long: `backlog checks the paths like berth check, then lists every backlog item with
its owner, priority, declared status, the number of findings of its rule and
what to do: fix it, close it (open but nothing found), or reopen it (marked
done but its rule finds violations).`,
		Example: `  berth backlog fixtures/blueprint
  berth backlog --format markdown > action-backlog.md`,
		RunE: func(cmd *cobra.Command, args []string) error {
			eval, err := evaluate.New(cmd.Context())
			if err != nil {
				return err
			}
			doc, err := runner.BuildInput(cmd.Context(), load.options(args), schemas(eval))
			if err != nil {
				return err
			}
			result, err := runner.Check(cmd.Context(), eval, doc, runner.Settings{
				Version: version,
				Today:   time.Now().UTC(),
				Root:    absolute(load.root),
			})
			if err != nil {
				return err
			}

			statuses := runner.ItemStatuses(doc.Backlog, result)
			out := cmd.OutOrStdout()
			switch format {
			case "table":
				err = writeStatusTable(out, statuses)
			case "json":
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				err = enc.Encode(statuses)
			case "markdown":
				_, err = io.WriteString(out, backlog.Markdown(doc.Backlog, runner.Measured(statuses)))
			default:
				return fmt.Errorf("invalid --format %q: use table, markdown or json", format)
			}
			if err != nil {
				return err
			}

			for _, e := range doc.Errors {
				fmt.Fprintln(cmd.ErrOrStderr(), e.Error())
			}
			if len(doc.Errors) > 0 {
				return exitCodeError{exitError}
			}

			return nil
		},
	}

	load.register(cmd)
	cmd.Flags().StringVar(&format, "format", "table", "output format: table, markdown or json")
	cmd.AddCommand(newBacklogImportCommand())

	return cmd
}

func writeStatusTable(out io.Writer, statuses []runner.ItemStatus) error {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tPRIORITY\tOWNER\tDECLARED\tFINDINGS\tACTION\tTASK")
	for _, s := range statuses {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%s\t%s\n", s.ID, s.Priority, s.Owner, s.Declared, s.Findings, s.Action, s.Task)
	}

	return w.Flush()
}

func newBacklogImportCommand() *cobra.Command {
	var output string

	cmd := &cobra.Command{
		Use:   "import FILE.md",
		Short: "Convert a Markdown backlog table into berth.hcl",
		Long: `import reads a Markdown table with the columns ID, Task, Owner, Priority and
Status ("- [ ]" open, "- [x]" done) and prints the equivalent berth.hcl.`,
		Example: `  berth backlog import action-backlog.md -o berth.hcl`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			content, err := os.ReadFile(args[0])
			if err != nil {
				return fmt.Errorf("read backlog table: %w", err)
			}

			hcl, err := backlog.ImportMarkdown(content)
			if err != nil {
				return fmt.Errorf("import %s: %w", args[0], err)
			}

			if output == "" {
				_, err = cmd.OutOrStdout().Write(hcl)
				return err
			}

			return os.WriteFile(output, hcl, 0o644)
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "write the HCL to this file instead of standard output")

	return cmd
}
