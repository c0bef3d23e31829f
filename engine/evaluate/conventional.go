package evaluate

import (
	"context"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/berth-policy/berth/engine/conftest"
	"github.com/berth-policy/berth/engine/evaluate/policy"
	"github.com/berth-policy/berth/engine/finding"
)

// conventionalRules returns the deny, violation and warn rules of every
// package outside data.berth, which follow conftest's conventions.
// data.berth.main.findings gathers the rules under data.berth instead.
func conventionalRules(files policy.Files) ([]conftest.Rule, error) {
	modules := map[string]*ast.Module{}
	for _, f := range files {
		if !policy.InBerth(f.Module.Package.Path) {
			modules[f.Name] = f.Module
		}
	}
	if len(modules) == 0 {
		return nil, nil
	}

	return conftest.Rules(modules, conftest.Namespaces(modules))
}

// conventionalFindings evaluates the conftest-style rules.
func (e *Evaluator) conventionalFindings(ctx context.Context, value ast.Value) ([]Finding, error) {
	results, err := e.conventional.Eval(ctx, value)
	if err != nil {
		return nil, err
	}

	findings := make([]Finding, 0, len(results))
	for _, r := range results {
		if r.Exception != "" {
			// TODO: mark excepted results as suppressed once runner.Check
			// takes a suppression from evaluation. Until then berth check
			// drops them, as conftest does, and only berth test shows them.
			continue
		}
		findings = append(findings, Finding{RuleID: r.Rule.ID, Message: r.Message, Location: r.Location, Service: r.Service})
	}

	return findings, nil
}

// mergeRules adds a description of each conftest-style rule whose package
// has no custom.id, and gives warn rules priority P2, which is a warning,
// unless their METADATA sets custom.priority.
//
// TODO: without a backlog file, runner.Check takes each finding's level
// from the built-in backlog, which has no item for user rules, so a warn
// finding is reported as an error. A berth.hcl gives the rule an item with
// this priority.
func mergeRules(described []finding.Rule, rules []conftest.Rule) []finding.Rule {
	index := map[string]int{}
	for i, r := range described {
		index[r.ID] = i
	}

	onlyWarnings := map[string]bool{}
	for _, r := range rules {
		warn := r.Level == finding.LevelWarning
		if seen, ok := onlyWarnings[r.ID]; ok {
			warn = warn && seen
		}
		onlyWarnings[r.ID] = warn
	}

	for _, r := range rules {
		if _, ok := index[r.ID]; ok {
			continue
		}
		title := r.Title
		if title == "" {
			title = r.Namespace + "." + r.Name
		}
		index[r.ID] = len(described)
		described = append(described, finding.Rule{ID: r.ID, Name: r.Name, Title: title, Description: r.Description, Tags: []string{}})
	}

	for id, warn := range onlyWarnings {
		i := index[id]
		if warn && described[i].Priority == "" {
			described[i].Priority = "P2"
		}
		described[i].Level = finding.LevelForPriority(described[i].Priority)
	}

	sortRules(described)

	return described
}
