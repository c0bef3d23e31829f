package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
)

// ANSI escape sequences for text output.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// textReporter writes one line per finding in the file:line:col shape that
// terminals and editors turn into links.
type textReporter struct {
	opts Options
}

func (t *textReporter) Write(w io.Writer, r finding.Report) error {
	var b strings.Builder

	if len(r.Errors) > 0 {
		b.WriteString(t.paint(ansiBold, "Load errors:") + "\n")
		for _, e := range sortedLoadErrors(r.Errors) {
			fmt.Fprintf(&b, "%s: %s: %s\n", input.FormatPosition(e.Location), t.paint(ansiRed, "error"), indentContinuation(e.Message))
		}
		b.WriteString("\n")
	}

	if len(r.Warnings) > 0 {
		b.WriteString(t.paint(ansiBold, "Load warnings:") + "\n")
		for _, w := range sortedLoadErrors(r.Warnings) {
			fmt.Fprintf(&b, "%s: %s: %s\n", input.FormatPosition(w.Location), t.paint(levelColor(finding.LevelWarning), "warning"), indentContinuation(w.Message))
		}
		b.WriteString("\n")
	}

	// A blank line separates the findings of one file from the next.
	shownFindings := 0
	previousFile := ""
	for _, f := range sortedFindings(r.Findings) {
		// Findings that cannot fail the run are shown only on request.
		if !f.Counts() && !t.opts.ShowSuppressed {
			continue
		}

		if shownFindings > 0 && f.Location.File != previousFile {
			b.WriteString("\n")
		}
		previousFile = f.Location.File
		shownFindings++

		b.WriteString(t.findingLine(f) + "\n")
	}
	if shownFindings > 0 {
		b.WriteString("\n")
	}

	b.WriteString(summaryLine(summarize(r)) + "\n")

	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write text report: %w", err)
	}

	return nil
}

func (t *textReporter) findingLine(f finding.Finding) string {
	line := fmt.Sprintf("%s: %s %s: %s",
		input.FormatPosition(f.Location), t.paint(levelColor(f.Level), levelName(f.Level)), f.RuleID, indentContinuation(f.Message))

	if f.Suppression == nil {
		if !f.Counts() {
			return line + " " + t.paint(ansiDim, "(unchanged since the baseline)")
		}
		return line
	}

	mark := "(suppressed)"
	if f.Suppression.Justification != "" {
		mark = "(suppressed: " + f.Suppression.Justification + ")"
	}

	return line + " " + t.paint(ansiDim, mark)
}

// paint wraps s in an ANSI color when colors are on.
func (t *textReporter) paint(color, s string) string {
	if !t.opts.Color || color == "" {
		return s
	}

	return color + s + ansiReset
}

func levelColor(l finding.Level) string {
	switch l {
	case finding.LevelError:
		return ansiRed
	case finding.LevelWarning:
		return ansiYellow
	case finding.LevelNote:
		return ansiCyan
	default:
		return ""
	}
}

// levelName names a level for people, spelling out an empty level as none.
func levelName(l finding.Level) string {
	if l == "" {
		return string(finding.LevelNone)
	}

	return string(l)
}

// indentContinuation indents the second and later lines of a multi-line
// message, so they cannot be read as findings of their own.
func indentContinuation(message string) string {
	message = strings.ReplaceAll(message, "\r\n", "\n")

	return strings.ReplaceAll(message, "\n", "\n    ")
}

// summaryLine formats the closing line, such as
// "3 errors, 1 warning, 0 notes in 2 files (1 suppressed); 1 load error".
func summaryLine(s summary) string {
	line := fmt.Sprintf("%s, %s, %s", plural(s.Error, "error"), plural(s.Warning, "warning"), plural(s.Note, "note"))
	if s.None > 0 {
		line += fmt.Sprintf(", %d with level none", s.None)
	}

	line += " in " + plural(s.Files, "file")

	switch {
	case s.Suppressed > 0 && s.Unchanged > 0:
		line += fmt.Sprintf(" (%d suppressed, %d unchanged since the baseline)", s.Suppressed, s.Unchanged)
	case s.Suppressed > 0:
		line += fmt.Sprintf(" (%d suppressed)", s.Suppressed)
	case s.Unchanged > 0:
		line += fmt.Sprintf(" (%d unchanged since the baseline)", s.Unchanged)
	}

	if s.LoadErrors > 0 {
		line += "; " + plural(s.LoadErrors, "load error")
	}

	return line
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}

	return fmt.Sprintf("%d %ss", n, noun)
}
