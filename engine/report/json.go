package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
)

// jsonReporter writes the report as indented JSON for scripts.
type jsonReporter struct{}

// jsonReport fixes the field order of the JSON output. Lists are never null,
// so consumers can iterate without checks.
type jsonReport struct {
	ToolVersion string            `json:"tool_version"`
	Summary     summary           `json:"summary"`
	Rules       []finding.Rule    `json:"rules"`
	Findings    []finding.Finding `json:"findings"`
	Errors      []input.LoadError `json:"errors"`
}

func (jsonReporter) Write(w io.Writer, r finding.Report) error {
	out := jsonReport{
		ToolVersion: r.ToolVersion,
		Summary:     summarize(r),
		Rules:       make([]finding.Rule, 0, len(r.Rules)),
		Findings:    sortedFindings(r.Findings),
		Errors:      sortedLoadErrors(r.Errors),
	}

	for _, rule := range r.Rules {
		if rule.Tags == nil {
			rule.Tags = []string{}
		}
		out.Rules = append(out.Rules, rule)
	}

	if out.Findings == nil {
		out.Findings = []finding.Finding{}
	}
	if out.Errors == nil {
		out.Errors = []input.LoadError{}
	}

	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)

	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write JSON report: %w", err)
	}

	return nil
}
