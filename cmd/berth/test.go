package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/berth-policy/berth/engine/conftest"
	"github.com/berth-policy/berth/engine/evaluate"
	"github.com/berth-policy/berth/engine/report"
	"github.com/berth-policy/berth/engine/runner"
)

// testFlags are the flags of berth test beyond loading.
type testFlags struct {
	policies      []string
	data          []string
	namespaces    []string
	allNamespaces bool
	format        string
	output        string
	failOn        string
}

func newTestCommand() *cobra.Command {
	var (
		load  loadFlags
		flags testFlags
	)

	cmd := &cobra.Command{
		Use:   "test [PATH...]",
		Short: "Evaluate policies written for conftest over berth's input document",
		Long: `test evaluates your Rego policies with conftest's conventions, for teams that
move from conftest to berth. In each selected package (--namespace, default
main) the rules deny, violation and warn, alone or with a suffix such as
deny_no_socket, return strings or objects with msg; an object's _loc
({"file", "line", "column"}) is the finding's location, and a result
without one points at the rule in your policy file. deny and violation
are errors and warn is a warning. An exception rule (exception contains
rules if ...) lists rule names without their deny_ prefix and suppresses
their results.

Unlike conftest, the input is berth's whole document, as berth parse prints
it, evaluated once rather than once per file. Policies compile without
http.send, net.* and opa.runtime, and may import berth's library
(data.berth.lib.*).

Exit status: 0 when no finding is at or above --fail-on, 1 when some are,
2 when the command was used wrongly, a policy does not compile or a file
could not be loaded.`,
		Example: `  berth test -p policy fixtures/blueprint
  berth test -p policy -n 'compose.*' -d policy/data --format sarif -o conftest.sarif
  berth test -p policy --all-namespaces --fail-on warning`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTest(cmd, args, load, flags)
		},
	}

	load.register(cmd)
	f := cmd.Flags()
	f.StringArrayVarP(&flags.policies, "policy", "p", []string{"policy"}, "file or directory of Rego policies (repeatable)")
	f.StringSliceVarP(&flags.data, "data", "d", nil, "JSON or YAML file or directory mounted under data (repeatable)")
	f.StringSliceVarP(&flags.namespaces, "namespace", "n", []string{conftest.DefaultNamespace}, "package to evaluate, as a glob where * also matches dots, such as 'compose.*' (repeatable)")
	f.BoolVar(&flags.allNamespaces, "all-namespaces", false, "evaluate every package of the policies")
	f.StringVar(&flags.format, "format", "", "output format: "+strings.Join(report.Formats(), ", ")+" (default: from the -o file name, else text)")
	f.StringVarP(&flags.output, "output", "o", "", "write the report to this file instead of standard output")
	f.StringVar(&flags.failOn, "fail-on", "error", "lowest level that fails the run: error, warning, note or never")

	return cmd
}

func runTest(cmd *cobra.Command, args []string, load loadFlags, flags testFlags) error {
	threshold, err := failThreshold(flags.failOn)
	if err != nil {
		return err
	}

	root, err := filepath.Abs(load.root)
	if err != nil {
		return err
	}
	reporter, out, closeOut, err := openReport(cmd, flags.format, flags.output, root)
	if err != nil {
		return err
	}
	defer closeOut()

	engine, err := conftest.New(cmd.Context(), conftest.Options{
		Policies:      flags.policies,
		Data:          flags.data,
		Namespaces:    flags.namespaces,
		AllNamespaces: flags.allNamespaces,
	})
	if err != nil {
		return err
	}

	// The backlog loader checks item ids against the built-in rules.
	builtin, err := evaluate.New(cmd.Context())
	if err != nil {
		return err
	}
	doc, err := runner.BuildInput(cmd.Context(), load.options(args), builtin.Schemas())
	if err != nil {
		return err
	}

	result, err := engine.Test(cmd.Context(), doc, version)
	if err != nil {
		return err
	}
	if err := reporter.Write(out, result); err != nil {
		return fmt.Errorf("write report: %w", err)
	}

	return exitStatus(result, threshold)
}

// openReport returns the reporter for --format (or the -o file name) and
// the writer it writes to.
func openReport(cmd *cobra.Command, format, output, root string) (report.Reporter, io.Writer, func(), error) {
	if format == "" {
		format = report.FormatForPath(output)
	}
	if format == "" {
		format = report.FormatText
	}

	opts := report.Options{Root: root, Color: format == report.FormatText && output == "" && useColor(os.Stdout)}
	reporter, err := report.New(format, opts)
	if err != nil {
		return nil, nil, nil, err
	}

	out, closeOut, err := openOutput(cmd, output)
	if err != nil {
		return nil, nil, nil, err
	}

	return reporter, out, closeOut, nil
}
