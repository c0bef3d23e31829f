package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
)

// githubReporter writes GitHub Actions workflow commands, which the runner
// turns into annotations on the pull request.
type githubReporter struct {
	opts Options
}

func (g *githubReporter) Write(w io.Writer, r finding.Report) error {
	var b strings.Builder

	for _, e := range sortedLoadErrors(r.Errors) {
		b.WriteString(workflowCommand("error", annotationProperties(e.Location, "load error"), e.Message))
	}
	for _, w := range sortedLoadErrors(r.Warnings) {
		b.WriteString(workflowCommand("warning", annotationProperties(w.Location, "load warning"), w.Message))
	}

	for _, f := range sortedFindings(r.Findings) {
		command := annotationCommand(f.Level)
		message := f.Message

		if f.Suppression != nil {
			if !g.opts.ShowSuppressed {
				continue
			}

			// Suppressed findings do not fail a run, so they are shown as
			// notices rather than as errors or warnings.
			command = "notice"
			message += " (suppressed"
			if f.Suppression.Justification != "" {
				message += ": " + f.Suppression.Justification
			}
			message += ")"
		}

		// A finding the baseline already has would annotate the same
		// lines on every pull request, so it is shown only on request.
		if f.Suppression == nil && !f.Counts() {
			if !g.opts.ShowSuppressed {
				continue
			}
			command = "notice"
			message += " (unchanged since the baseline)"
		}

		b.WriteString(workflowCommand(command, annotationProperties(f.Location, f.RuleID), message))
	}

	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write GitHub workflow commands: %w", err)
	}

	return nil
}

// annotationCommand maps a level to a workflow command. GitHub has no
// command for SARIF's none, so it becomes a notice like note.
func annotationCommand(l finding.Level) string {
	switch l {
	case finding.LevelError:
		return "error"
	case finding.LevelWarning:
		return "warning"
	default:
		return "notice"
	}
}

// property is one key=value pair of a workflow command.
type property struct {
	key, value string
}

// annotationProperties returns the position properties for l and a title.
// The runner drops col and endColumn when line and endLine differ, so a
// range over several lines is sent as lines only.
func annotationProperties(l input.Location, title string) []property {
	var props []property
	if l.File != "" {
		props = append(props, property{"file", l.File})
	}

	if l.Line > 0 {
		props = append(props, property{"line", strconv.Itoa(l.Line)})

		multiLine := l.EndLine > l.Line
		if l.Column > 0 && !multiLine {
			props = append(props, property{"col", strconv.Itoa(l.Column)})
		}
		if multiLine {
			props = append(props, property{"endLine", strconv.Itoa(l.EndLine)})
		}
		if l.Column > 0 && l.EndColumn > l.Column && !multiLine {
			props = append(props, property{"endColumn", strconv.Itoa(l.EndColumn)})
		}
	}

	if title != "" {
		props = append(props, property{"title", title})
	}

	return props
}

// workflowCommand formats one command line: ::name key=value,...::message.
func workflowCommand(name string, props []property, message string) string {
	var b strings.Builder
	b.WriteString("::" + name)

	for i, p := range props {
		if i == 0 {
			b.WriteString(" ")
		} else {
			b.WriteString(",")
		}
		b.WriteString(p.key + "=" + escapeProperty(p.value))
	}

	b.WriteString("::" + escapeData(message) + "\n")

	return b.String()
}

// escapeData escapes a command's message the way the Actions runner
// unescapes it: % first, so that the other escapes stay intact.
func escapeData(s string) string {
	s = strings.ReplaceAll(s, "%", "%25")
	s = strings.ReplaceAll(s, "\r", "%0D")

	return strings.ReplaceAll(s, "\n", "%0A")
}

// escapeProperty escapes a property value, which additionally must not
// contain the : and , that delimit properties.
func escapeProperty(s string) string {
	s = escapeData(s)
	s = strings.ReplaceAll(s, ":", "%3A")

	return strings.ReplaceAll(s, ",", "%2C")
}
