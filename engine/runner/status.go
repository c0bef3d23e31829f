package runner

import (
	"sort"

	"github.com/berth-policy/berth/engine/evaluate"
	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
)

// Actions that berth backlog suggests for an item.
const (
	ActionFix          = "fix"
	ActionReadyToClose = "ready to close"
	ActionRegression   = "regression: reopen or fix"
	ActionNone         = "none"
)

// ItemStatus compares an item's declared status with what its rule finds.
type ItemStatus struct {
	ID       string `json:"id"`
	Task     string `json:"task"`
	Owner    string `json:"owner"`
	Priority string `json:"priority"`
	Declared string `json:"declared_status"`

	// Findings counts the rule's findings that no waiver suppresses.
	Findings int `json:"findings"`

	// Suppressed counts the findings that a waiver or wontfix suppresses.
	Suppressed int    `json:"suppressed"`
	Action     string `json:"action"`
}

// ItemStatuses lists every backlog item in rule order with its measured
// status.
func ItemStatuses(backlog input.Backlog, report finding.Report) []ItemStatus {
	open, suppressed := map[string]int{}, map[string]int{}
	for _, f := range report.Findings {
		if f.Suppression != nil {
			suppressed[f.RuleID]++
			continue
		}
		open[f.RuleID]++
	}

	statuses := make([]ItemStatus, 0, len(backlog.Items))
	for id, item := range backlog.Items {
		s := ItemStatus{
			ID:         id,
			Task:       item.Task,
			Owner:      item.Owner,
			Priority:   item.Priority,
			Declared:   item.Status,
			Findings:   open[id],
			Suppressed: suppressed[id],
		}
		s.Action = action(s)
		statuses = append(statuses, s)
	}

	sort.Slice(statuses, func(i, j int) bool { return evaluate.RuleLess(statuses[i].ID, statuses[j].ID) })

	return statuses
}

func action(s ItemStatus) string {
	switch {
	case s.Declared == "wontfix":
		return ActionNone
	case s.Declared == "done" && s.Findings > 0:
		return ActionRegression
	case s.Declared == "open" && s.Findings == 0:
		return ActionReadyToClose
	case s.Findings > 0:
		return ActionFix
	default:
		return ActionNone
	}
}

// Measured returns the unsuppressed finding count of every item, as
// backlog.Markdown takes it.
func Measured(statuses []ItemStatus) map[string]int {
	counts := make(map[string]int, len(statuses))
	for _, s := range statuses {
		counts[s.ID] = s.Findings
	}

	return counts
}
