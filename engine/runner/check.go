package runner

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/berth-policy/berth/docs"
	"github.com/berth-policy/berth/engine/baseline"
	"github.com/berth-policy/berth/engine/evaluate"
	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
	"github.com/berth-policy/berth/engine/suppress"
)

// Settings are the parts of a check that do not come from the input.
type Settings struct {
	Version string

	// Today decides whether a waiver has expired.
	Today time.Time

	// Root is the directory finding paths are relative to, where inline
	// suppression comments and baseline fingerprints are read.
	Root string

	// Baseline, when set, marks findings it already has as unchanged.
	Baseline *baseline.Baseline
}

// Check evaluates the policies over doc and applies the backlog (levels
// from priorities, regressions of items marked done, suppressions by
// wontfix items and waivers), then inline suppression comments and the
// baseline.
func Check(ctx context.Context, eval *evaluate.Evaluator, doc input.Document, settings Settings) (finding.Report, error) {
	today := settings.Today

	// Only these parts of the document are needed after the evaluation.
	// Taking them first leaves the rest unreferenced once it is converted
	// to OPA's values, so the collector can free it while the rules run.
	backlog, loadErrors, warnings := doc.Backlog, doc.Errors, loadWarnings(doc)

	raw, err := eval.Evaluate(ctx, doc)
	var failed evaluate.RuleErrors
	if err != nil && !errors.As(err, &failed) {
		return finding.Report{}, err
	}

	report := finding.Report{
		ToolVersion: settings.Version,
		Warnings:    warnings,
		Rules:       rulesWithPriorities(eval.Rules(), backlog),
		Findings:    []finding.Finding{},
		Errors:      loadErrors,
	}

	// A rule that failed is a tool error, like a file that did not load:
	// the run reports it and exits 2, with every other rule's findings.
	for _, f := range failed {
		report.Errors = append(append([]input.LoadError{}, report.Errors...), input.LoadError{Location: f.Location, Message: f.Error()})
	}

	seen := map[string]bool{}
	for _, f := range raw {
		key := fmt.Sprintf("%s|%v|%s", f.RuleID, f.Location, f.Message)
		if seen[key] {
			// A file merged into several projects yields the same finding
			// once per project.
			continue
		}
		seen[key] = true

		report.Findings = append(report.Findings, applyBacklog(f, backlog, today))
	}

	report.Findings = append(report.Findings, expiredWaivers(backlog, today)...)
	sort.SliceStable(report.Findings, func(i, j int) bool { return findingLess(report.Findings[i], report.Findings[j]) })

	var commentErrors []input.LoadError
	ruleIDs := make([]string, 0, len(report.Rules))
	for _, r := range report.Rules {
		ruleIDs = append(ruleIDs, r.ID)
	}
	report.Findings, commentErrors = suppress.Apply(settings.Root, ruleIDs, report.Findings)
	report.Errors = append(append([]input.LoadError{}, report.Errors...), commentErrors...)

	if settings.Baseline != nil {
		report.Findings = settings.Baseline.Apply(settings.Root, report.Findings)
	}

	return report, nil
}

// rulesWithPriorities sets each rule's priority and level from its backlog
// item, which wins over the rule's built-in priority, and its help text
// from its documentation page.
func rulesWithPriorities(rules []finding.Rule, backlog input.Backlog) []finding.Rule {
	for i, r := range rules {
		if item, ok := backlog.Items[r.ID]; ok && item.Priority != "" {
			rules[i].Priority = item.Priority
		}
		rules[i].Level = finding.LevelForPriority(rules[i].Priority)
		if page, ok := docs.RulePage(r.ID); ok {
			rules[i].Help = page
		}
	}

	return rules
}

func applyBacklog(f evaluate.Finding, backlog input.Backlog, today time.Time) finding.Finding {
	item := backlog.Items[f.RuleID]
	out := finding.Finding{
		RuleID:   f.RuleID,
		Level:    finding.LevelForPriority(item.Priority),
		Message:  f.Message,
		Location: f.Location,
		Service:  f.Service,
	}

	switch item.Status {
	case "done":
		out.Level = finding.LevelError
		out.Message += fmt.Sprintf(" The backlog marks %s done, so this is a regression.", f.RuleID)
	case "wontfix":
		out.Suppression = &finding.Suppression{
			Kind:          "external",
			Justification: fmt.Sprintf("the backlog marks %s wontfix", f.RuleID),
			Location:      item.Location,
		}
	}

	if out.Suppression == nil {
		if w, ok := matchingWaiver(f, backlog.Waivers, today); ok {
			out.Suppression = &finding.Suppression{Kind: "external", Justification: w.Reason, Location: w.Location}
		}
	}

	return out
}

// matchingWaiver returns the first unexpired waiver of the finding's rule
// that names its service or its file. A waiver that names neither covers
// every finding of the rule.
func matchingWaiver(f evaluate.Finding, waivers []input.Waiver, today time.Time) (input.Waiver, bool) {
	for _, w := range waivers {
		if w.Rule != f.RuleID || expired(w, today) {
			continue
		}
		if len(w.Services) == 0 && len(w.Files) == 0 {
			return w, true
		}
		for _, s := range w.Services {
			if f.Service != "" && normalizeName(s) == normalizeName(f.Service) {
				return w, true
			}
		}
		for _, file := range w.Files {
			if file == f.Location.File {
				return w, true
			}
		}
	}

	return input.Waiver{}, false
}

// expired reports whether the waiver's expiry date is before today. A date
// that does not parse never expires here; the backlog loader rejects it.
func expired(w input.Waiver, today time.Time) bool {
	if w.Expires == "" {
		return false
	}

	date, err := time.Parse(time.DateOnly, w.Expires)
	if err != nil {
		return false
	}

	return date.Before(today.Truncate(24 * time.Hour))
}

// expiredWaivers reports each expired waiver at its own location, so the
// team renews or removes it.
func expiredWaivers(backlog input.Backlog, today time.Time) []finding.Finding {
	var out []finding.Finding
	for _, w := range backlog.Waivers {
		if !expired(w, today) {
			continue
		}
		out = append(out, finding.Finding{
			RuleID:   w.Rule,
			Level:    finding.LevelWarning,
			Message:  fmt.Sprintf("The waiver for %s expired on %s and no longer suppresses findings; renew it with a new date or remove it.", w.Rule, w.Expires),
			Location: w.Location,
		})
	}

	return out
}

// normalizeName compares service names ignoring case and separators, so
// ServiceRegistry, service-registry and service_registry are one name.
func normalizeName(name string) string {
	return strings.ToLower(strings.NewReplacer("-", "", "_", "", ".", "", " ", "").Replace(name))
}

func findingLess(a, b finding.Finding) bool {
	if a.Location.File != b.Location.File {
		return a.Location.File < b.Location.File
	}
	if a.Location.Line != b.Location.Line {
		return a.Location.Line < b.Location.Line
	}
	if a.Location.Column != b.Location.Column {
		return a.Location.Column < b.Location.Column
	}
	if a.RuleID != b.RuleID {
		return evaluate.RuleLess(a.RuleID, b.RuleID)
	}

	return a.Message < b.Message
}

// loadWarnings gathers the problems the loaders recorded in files they
// still loaded, sorted by file and line.
func loadWarnings(doc input.Document) []input.LoadError {
	var warnings []input.LoadError
	for _, df := range doc.Dockerfiles {
		warnings = append(warnings, df.Warnings...)
	}

	sort.SliceStable(warnings, func(i, j int) bool {
		if warnings[i].File != warnings[j].File {
			return warnings[i].File < warnings[j].File
		}
		return warnings[i].Line < warnings[j].Line
	})

	return warnings
}
