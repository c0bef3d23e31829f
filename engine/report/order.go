package report

import (
	"cmp"
	"slices"
	"strings"

	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
)

// sortedFindings returns a copy of findings ordered by file, line, column,
// rule and message, so every format lists them in the same order.
func sortedFindings(findings []finding.Finding) []finding.Finding {
	sorted := slices.Clone(findings)
	slices.SortStableFunc(sorted, compareFindings)

	return sorted
}

func compareFindings(a, b finding.Finding) int {
	return cmp.Or(
		compareLocations(a.Location, b.Location),
		compareRuleIDs(a.RuleID, b.RuleID),
		strings.Compare(a.Message, b.Message),
	)
}

// sortedLoadErrors returns a copy of errs ordered by location and message.
func sortedLoadErrors(errs []input.LoadError) []input.LoadError {
	sorted := slices.Clone(errs)
	slices.SortStableFunc(sorted, func(a, b input.LoadError) int {
		return cmp.Or(compareLocations(a.Location, b.Location), strings.Compare(a.Message, b.Message))
	})

	return sorted
}

func compareLocations(a, b input.Location) int {
	return cmp.Or(
		strings.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		cmp.Compare(a.EndLine, b.EndLine),
		cmp.Compare(a.EndColumn, b.EndColumn),
	)
}

// compareRuleIDs orders rule ids naturally, comparing runs of digits by
// value, so that C-2 sorts before C-10.
func compareRuleIDs(a, b string) int {
	for a != "" && b != "" {
		if isDigit(a[0]) && isDigit(b[0]) {
			numA, restA := splitDigits(a)
			numB, restB := splitDigits(b)
			if c := compareNumbers(numA, numB); c != 0 {
				return c
			}

			a, b = restA, restB

			continue
		}

		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}

		a, b = a[1:], b[1:]
	}

	return cmp.Compare(len(a), len(b))
}

func isDigit(c byte) bool {
	return '0' <= c && c <= '9'
}

func splitDigits(s string) (digits, rest string) {
	end := 0
	for end < len(s) && isDigit(s[end]) {
		end++
	}

	return s[:end], s[end:]
}

// compareNumbers compares two decimal digit strings by value without
// parsing them, so that long runs cannot overflow.
func compareNumbers(a, b string) int {
	a = strings.TrimLeft(a, "0")
	b = strings.TrimLeft(b, "0")

	return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b))
}

// ruleOrder returns the rules of the report followed by a bare rule for
// every rule id that findings use but the report does not describe, so
// that each finding has a rule to point at.
func ruleOrder(r finding.Report) []finding.Rule {
	rules := slices.Clone(r.Rules)

	known := make(map[string]bool, len(rules))
	for _, rule := range rules {
		known[rule.ID] = true
	}

	var extra []string
	for _, f := range r.Findings {
		if !known[f.RuleID] {
			known[f.RuleID] = true
			extra = append(extra, f.RuleID)
		}
	}

	slices.SortFunc(extra, compareRuleIDs)
	for _, id := range extra {
		rules = append(rules, finding.Rule{ID: id})
	}

	return rules
}
