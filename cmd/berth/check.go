package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/berth-policy/berth/engine/backlog"
	"github.com/berth-policy/berth/engine/baseline"
	"github.com/berth-policy/berth/engine/evaluate"
	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
	"github.com/berth-policy/berth/engine/report"
	"github.com/berth-policy/berth/engine/runner"
)

// checkFlags are the flags of berth check beyond loading.
type checkFlags struct {
	format         string
	output         string
	failOn         string
	showSuppressed bool
	sourceRoot     bool
	baseline       string
	policies       []string
	bundle         string
}

// evaluateOptions selects the policies that --policy and --bundle name.
func (c checkFlags) evaluateOptions() []evaluate.Option {
	opts := []evaluate.Option{evaluate.WithPolicies(c.policies...)}
	if c.bundle != "" {
		opts = append(opts, evaluate.WithBundle(c.bundle))
	}

	return opts
}

func newCheckCommand() *cobra.Command {
	var (
		load  loadFlags
		check checkFlags
	)

	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Check Compose projects and Dockerfiles against the backlog's rules",
		Long: `check finds Compose projects, Dockerfiles, requirement files, CI files and
the backlog under each PATH (default: the current directory), evaluates every
rule and reports the findings.

Exit status: 0 when no finding is at or above --fail-on, 1 when some are,
2 when the command was used wrongly or a file could not be loaded (the other
files are still checked and reported).`,
		Example: `  berth check fixtures/blueprint
  berth check -o results.sarif
  berth check -f docker-compose.yml -f docker-compose.prod.yml --fail-on warning
  berth check -p policy/ fixtures/blueprint
  berth check --bundle berth.tar.gz fixtures/blueprint`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd, args, load, check)
		},
	}

	load.register(cmd)
	flags := cmd.Flags()
	flags.StringVar(&check.format, "format", "", "output format: "+strings.Join(report.Formats(), ", ")+" (default: from the -o file name, else text)")
	flags.StringVarP(&check.output, "output", "o", "", "write the report to this file instead of standard output")
	flags.StringVar(&check.failOn, "fail-on", "error", "lowest level that fails the run: error, warning, note or never")
	flags.BoolVar(&check.showSuppressed, "show-suppressed", false, "show suppressed findings in text, github and junit output")
	flags.StringVar(&check.baseline, "baseline", "", "earlier SARIF file: findings already in it are marked unchanged and do not fail the run")
	flags.BoolVar(&check.sourceRoot, "source-root", false, "write the absolute --root as %SRCROOT% in SARIF, for viewers opened outside the repository")
	flags.StringArrayVarP(&check.policies, "policy", "p", nil, "file or directory of your own Rego policies, added to the rules (repeatable); see berth test for conftest's conventions")
	flags.StringVar(&check.bundle, "bundle", "", "OPA bundle (.tar.gz or directory) from berth bundle build whose policies replace the built-in rules")

	return cmd
}

func runCheck(cmd *cobra.Command, args []string, load loadFlags, check checkFlags) error {
	threshold, err := failThreshold(check.failOn)
	if err != nil {
		return err
	}

	format := check.format
	if format == "" {
		format = report.FormatForPath(check.output)
	}
	if format == "" {
		format = "text"
	}

	root, err := filepath.Abs(load.root)
	if err != nil {
		return err
	}
	opts := report.Options{Root: root, ShowSuppressed: check.showSuppressed, InformationURI: informationURI}
	if check.failOn != "never" {
		opts.FailOn = finding.Level(check.failOn)
	}
	if check.sourceRoot {
		opts.SourceRootURI = "file://" + filepath.ToSlash(root) + "/"
	}

	out, closeOut, err := openOutput(cmd, check.output)
	if err != nil {
		return err
	}
	defer closeOut()
	opts.Color = format == "text" && check.output == "" && useColor(os.Stdout)

	reporter, err := report.New(format, opts)
	if err != nil {
		return err
	}

	// Compiling the policies and loading the files are independent until
	// the backlog is read, so the compile runs on another core meanwhile.
	compiled := make(chan struct{})
	var (
		eval       *evaluate.Evaluator
		compileErr error
	)
	go func() {
		defer close(compiled)
		eval, compileErr = evaluate.New(cmd.Context(), check.evaluateOptions()...)
	}()
	rules := func() []backlog.RuleSchema {
		<-compiled
		if compileErr != nil {
			return nil
		}
		return schemas(eval)
	}

	doc, err := runner.BuildInputLater(cmd.Context(), load.options(args), rules)
	<-compiled
	if compileErr != nil {
		return compileErr
	}
	if err != nil {
		return err
	}
	settings := runner.Settings{Version: version, Today: time.Now().UTC(), Root: root}
	if check.baseline != "" {
		base, err := baseline.Load(check.baseline)
		if err != nil {
			return err
		}
		settings.Baseline = &base
	}
	result, err := runner.Check(cmd.Context(), eval, doc, settings)
	if err != nil {
		return err
	}

	if err := reporter.Write(out, result); err != nil {
		return fmt.Errorf("write report: %w", err)
	}

	// A report written to a file leaves the terminal empty, so the CI log
	// still gets the load errors and a one-line summary.
	if check.output != "" {
		writeSummary(cmd.ErrOrStderr(), check.output, result)
	}

	return exitStatus(result, threshold)
}

// failThreshold parses --fail-on; "never" returns a rank no level reaches.
func failThreshold(value string) (int, error) {
	switch value {
	case "error", "warning", "note":
		return finding.Level(value).Rank(), nil
	case "never":
		return 99, nil
	default:
		return 0, fmt.Errorf("invalid --fail-on %q: use error, warning, note or never", value)
	}
}

// exitStatus returns the error that carries the exit code: load errors win
// over findings, because a file that was not loaded was not checked.
func exitStatus(r finding.Report, threshold int) error {
	if len(r.Errors) > 0 {
		return exitCodeError{exitError}
	}

	for _, f := range r.Findings {
		if f.Counts() && f.Level.Rank() >= threshold {
			return exitCodeError{exitFindings}
		}
	}

	return nil
}

func openOutput(cmd *cobra.Command, path string) (io.Writer, func(), error) {
	if path == "" {
		return cmd.OutOrStdout(), func() {}, nil
	}

	f, err := os.Create(path)
	if err != nil {
		return nil, nil, fmt.Errorf("create output file: %w", err)
	}

	return f, func() { _ = f.Close() }, nil
}

// useColor reports whether text output to f should be coloured: only on a
// terminal, and never when NO_COLOR is set to any value.
func useColor(f *os.File) bool {
	if _, set := os.LookupEnv("NO_COLOR"); set {
		return false
	}

	return term.IsTerminal(int(f.Fd()))
}

// writeSummary prints the load errors and the finding counts of a report
// that went to a file.
func writeSummary(w io.Writer, path string, r finding.Report) {
	for _, e := range r.Errors {
		fmt.Fprintf(w, "%s: error: %s\n", input.FormatPosition(e.Location), e.Message)
	}

	counts := map[finding.Level]int{}
	hidden := 0
	for _, f := range r.Findings {
		if !f.Counts() {
			hidden++
			continue
		}
		counts[f.Level]++
	}

	fmt.Fprintf(w, "berth: wrote %s: %d errors, %d warnings, %d notes", path, counts[finding.LevelError], counts[finding.LevelWarning], counts[finding.LevelNote])
	if hidden > 0 {
		fmt.Fprintf(w, " (%d suppressed or unchanged since the baseline)", hidden)
	}
	if len(r.Errors) > 0 {
		fmt.Fprintf(w, "; %d files could not be loaded", len(r.Errors))
	}
	fmt.Fprintln(w)
}
