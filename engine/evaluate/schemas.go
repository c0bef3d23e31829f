package evaluate

import "github.com/berth-policy/berth/engine/backlog"

// Schemas describes the compiled rules to the backlog loader, which checks
// item ids and parameter keys against them.
func (e *Evaluator) Schemas() []backlog.RuleSchema {
	out := make([]backlog.RuleSchema, 0, len(e.rules))
	for _, r := range e.rules {
		out = append(out, backlog.RuleSchema{ID: r.ID, Title: r.Title, Priority: r.Priority, Params: e.params[r.ID]})
	}

	return out
}
