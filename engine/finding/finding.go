// Package finding is the result model of a check run. Reporters import only
// this package and engine/input's Location; they never see OPA.
package finding

import "github.com/berth-policy/berth/engine/input"

// Level is a SARIF result level.
type Level string

// Levels from most to least severe. None is for results that are shown but
// never fail a run.
const (
	LevelError   Level = "error"
	LevelWarning Level = "warning"
	LevelNote    Level = "note"
	LevelNone    Level = "none"
)

// Rank orders levels so that a higher rank is more severe.
func (l Level) Rank() int {
	switch l {
	case LevelError:
		return 3
	case LevelWarning:
		return 2
	case LevelNote:
		return 1
	default:
		return 0
	}
}

// LevelForPriority maps a backlog priority to a level: P0 and P1 are errors,
// P2 warnings and P3 notes. An unknown priority is an error, because
// under-reporting is the worse mistake for a CI gate.
func LevelForPriority(priority string) Level {
	switch priority {
	case "P2":
		return LevelWarning
	case "P3":
		return LevelNote
	default:
		return LevelError
	}
}

// Finding is one violation of a rule.
type Finding struct {
	RuleID   string         `json:"rule"`
	Level    Level          `json:"level"`
	Message  string         `json:"message"`
	Location input.Location `json:"location"`

	// Service is the Compose service the finding is about, if any. Waivers
	// match on it.
	Service string `json:"service,omitempty"`

	// Suppression is set when a waiver, a wontfix status or an inline
	// comment suppresses the finding. Suppressed findings stay in SARIF but
	// never fail a run.
	Suppression *Suppression `json:"suppression,omitempty"`

	// BaselineState is "new" or "unchanged" when the run compares against
	// a baseline, and empty otherwise. Unchanged findings never fail a run.
	BaselineState string `json:"baseline_state,omitempty"`
}

// Counts reports whether the finding can fail a run: it is neither
// suppressed nor already in the baseline.
func (f Finding) Counts() bool {
	return f.Suppression == nil && f.BaselineState != BaselineUnchanged
}

// Baseline states, as SARIF names them.
const (
	BaselineNew       = "new"
	BaselineUnchanged = "unchanged"
)

// Suppression records why a finding does not count.
type Suppression struct {
	// Kind is "external" for the backlog and "inSource" for comments, as
	// SARIF names them.
	Kind          string         `json:"kind"`
	Justification string         `json:"justification"`
	Location      input.Location `json:"location"`
}

// Rule describes one rule for reports, taken from its Rego metadata.
type Rule struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Priority    string   `json:"priority"`
	Level       Level    `json:"level"`
	Tags        []string `json:"tags"`

	// Help is the rule's documentation page in Markdown.
	Help    string `json:"help,omitempty"`
	HelpURI string `json:"help_uri,omitempty"`

	// SecuritySeverity is the CVSS-like score from 0.0 to 10.0 that GitHub
	// code scanning shows for security rules, empty for other rules.
	SecuritySeverity string `json:"security_severity,omitempty"`
}

// Report is everything a reporter needs to write one run.
type Report struct {
	ToolVersion string `json:"tool_version"`

	// Rules are sorted by ID in natural order (C-2 before C-10).
	Rules    []Rule    `json:"rules"`
	Findings []Finding `json:"findings"`

	// Errors are the files that could not be loaded.
	Errors []input.LoadError `json:"errors"`

	// Warnings are problems in files that were loaded all the same, such
	// as a Dockerfile flag that BuildKit does not accept. They never fail
	// a run.
	Warnings []input.LoadError `json:"warnings,omitempty"`
}
