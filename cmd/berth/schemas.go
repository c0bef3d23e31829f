package main

import (
	"github.com/berth-policy/berth/engine/backlog"
	"github.com/berth-policy/berth/engine/evaluate"
)

// schemas lists the rules and their parameters, which the backlog loader
// checks item ids and params keys against.
func schemas(eval *evaluate.Evaluator) []backlog.RuleSchema {
	params := eval.Params()

	var out []backlog.RuleSchema
	for _, r := range eval.Rules() {
		out = append(out, backlog.RuleSchema{ID: r.ID, Title: r.Title, Priority: r.Priority, Params: params[r.ID]})
	}

	return out
}
