package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
)

// junitReporter writes JUnit XML for CI systems that show test results:
// one test case per rule and file, failing once per finding.
type junitReporter struct {
	opts Options
}

type junitTestSuites struct {
	XMLName  xml.Name         `xml:"testsuites"`
	Name     string           `xml:"name,attr"`
	Tests    int              `xml:"tests,attr"`
	Failures int              `xml:"failures,attr"`
	Errors   int              `xml:"errors,attr"`
	Skipped  int              `xml:"skipped,attr"`
	Suites   []junitTestSuite `xml:"testsuite"`
}

type junitTestSuite struct {
	Name     string          `xml:"name,attr"`
	Tests    int             `xml:"tests,attr"`
	Failures int             `xml:"failures,attr"`
	Errors   int             `xml:"errors,attr"`
	Skipped  int             `xml:"skipped,attr"`
	Cases    []junitTestCase `xml:"testcase"`
}

type junitTestCase struct {
	Name      string         `xml:"name,attr"`
	ClassName string         `xml:"classname,attr"`
	Errors    []junitProblem `xml:"error"`
	Failures  []junitProblem `xml:"failure"`
	Skipped   *junitSkipped  `xml:"skipped"`
	SystemOut string         `xml:"system-out,omitempty"`
}

// junitProblem is a <failure> or an <error>.
type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// junitClassLoad is the classname of the test cases for load errors.
const junitClassLoad = "load"

func (j *junitReporter) Write(w io.Writer, r finding.Report) error {
	suite := junitTestSuite{Name: "berth"}

	for _, e := range sortedLoadErrors(r.Errors) {
		suite.Cases = append(suite.Cases, junitTestCase{
			Name:      e.File,
			ClassName: junitClassLoad,
			Errors: []junitProblem{{
				Message: e.Message,
				Type:    "load error",
				Text:    input.FormatPosition(e.Location) + ": error: " + e.Message,
			}},
		})
	}

	suite.Cases = append(suite.Cases, j.ruleCases(r)...)

	for _, c := range suite.Cases {
		suite.Tests++
		switch {
		case len(c.Errors) > 0:
			suite.Errors++
		case len(c.Failures) > 0:
			suite.Failures++
		case c.Skipped != nil:
			suite.Skipped++
		}
	}

	doc := junitTestSuites{
		Name:     suite.Name,
		Tests:    suite.Tests,
		Failures: suite.Failures,
		Errors:   suite.Errors,
		Skipped:  suite.Skipped,
		Suites:   []junitTestSuite{suite},
	}

	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write JUnit report: %w", err)
	}

	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write JUnit report: %w", err)
	}

	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write JUnit report: %w", err)
	}

	return nil
}

// ruleCases returns the test cases of every rule in rule order: one per file
// with findings, or a single passing case when the rule has none to show.
func (j *junitReporter) ruleCases(r finding.Report) []junitTestCase {
	byRule := make(map[string][]finding.Finding)
	for _, f := range sortedFindings(r.Findings) {
		if !f.Counts() && !j.opts.ShowSuppressed {
			continue
		}
		byRule[f.RuleID] = append(byRule[f.RuleID], f)
	}

	var cases []junitTestCase
	for _, rule := range ruleOrder(r) {
		findings := byRule[rule.ID]
		if len(findings) == 0 {
			cases = append(cases, junitTestCase{Name: rule.ID, ClassName: rule.ID})

			continue
		}

		// Findings are sorted by file first, so each file's findings are
		// adjacent.
		for start := 0; start < len(findings); {
			end := start + 1
			for end < len(findings) && findings[end].Location.File == findings[start].Location.File {
				end++
			}

			cases = append(cases, junitFileCase(rule.ID, findings[start:end], j.opts.FailOn))
			start = end
		}
	}

	return cases
}

// junitFileCase builds the test case for one rule and one file. Findings
// that do not fail the run are listed in system-out, and a case whose
// findings are all suppressed is skipped rather than failed.
func junitFileCase(ruleID string, findings []finding.Finding, failOn finding.Level) junitTestCase {
	c := junitTestCase{
		Name:      ruleID + " " + findings[0].Location.File,
		ClassName: ruleID,
	}

	var suppressed, below []string
	for _, f := range findings {
		line := input.FormatPosition(f.Location) + ": " + levelName(f.Level) + " " + f.RuleID + ": " + f.Message

		if f.Suppression != nil {
			suppressed = append(suppressed, line+" (suppressed: "+f.Suppression.Justification+")")

			continue
		}
		if !f.Counts() {
			suppressed = append(suppressed, line+" (unchanged since the baseline)")

			continue
		}
		if failOn != "" && f.Level.Rank() < failOn.Rank() {
			below = append(below, line+" (below --fail-on "+string(failOn)+")")

			continue
		}

		c.Failures = append(c.Failures, junitProblem{Message: f.Message, Type: levelName(f.Level), Text: line})
	}

	if listed := append(suppressed, below...); len(listed) > 0 {
		c.SystemOut = strings.Join(listed, "\n")
	}

	// A case with findings below --fail-on passes, as the run does; one
	// whose findings are all suppressed or unchanged is skipped.
	if len(c.Failures) == 0 && len(below) == 0 {
		c.Skipped = &junitSkipped{Message: "all findings are suppressed or unchanged since the baseline"}
	}

	return c
}
