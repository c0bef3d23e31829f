package conftest

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/berth-policy/berth/engine/input"
)

// ruleLocation converts the location of a rule head to a finding location:
// the module name as the policy was loaded, with forward slashes, and the
// line and column of the head.
//
// NOTE: a policy loaded from a relative -p path keeps that path, which is
// relative to the working directory, while the input's paths are relative
// to --root. The two agree when berth runs from the root. Otherwise pass
// -p an absolute path: SARIF output makes an absolute path under the root
// relative, but text and JSON output print it in full.
func ruleLocation(loc *ast.Location) input.Location {
	if loc == nil {
		return input.Location{}
	}

	return input.Location{File: filepath.ToSlash(loc.File), Line: loc.Row, Column: loc.Col}
}

// origins evaluates the rule again with a tracer and returns, for each
// value of its set, the location of the first definition whose body
// produced it, keyed by valueKey. A package may define deny in several
// bodies, and only a trace shows which body yields which message.
func (p preparedRule) origins(ctx context.Context, doc ast.Value) (map[string]input.Location, error) {
	tracer := &originTracer{path: p.rule.Ref(), origins: map[string]input.Location{}}

	_, err := p.query.Eval(ctx, rego.EvalParsedInput(doc), rego.EvalQueryTracer(tracer))
	if err != nil {
		return nil, fmt.Errorf("evaluate rule %s: %w", p.rule.Ref(), err)
	}
	if tracer.err != nil {
		return nil, fmt.Errorf("evaluate rule %s: %w", p.rule.Ref(), tracer.err)
	}

	return tracer.origins, nil
}

// originTracer records the value that each definition of the rule at path
// adds to the rule's set. topdown emits an exit event each time a rule
// body succeeds, with the bindings that give the rule's key its value.
type originTracer struct {
	path    ast.Ref
	origins map[string]input.Location
	err     error
}

func (t *originTracer) Enabled() bool { return true }

func (t *originTracer) Config() topdown.TraceConfig { return topdown.TraceConfig{} }

func (t *originTracer) TraceEvent(event topdown.Event) {
	if event.Op != topdown.ExitOp || t.err != nil {
		return
	}
	rule, ok := event.Node.(*ast.Rule)
	if !ok || rule.Module == nil || rule.Head.Key == nil || !rule.Path().Equal(t.path) {
		return
	}

	value, err := ast.JSONWithOpt(event.Plug(rule.Head.Key).Value, ast.JSONOpt{SortSets: true})
	if err != nil {
		t.err = err
		return
	}
	key, err := valueKey(value)
	if err != nil {
		t.err = err
		return
	}
	if _, seen := t.origins[key]; !seen {
		t.origins[key] = ruleLocation(rule.Location)
	}
}

// valueKey returns the JSON form of one value of a rule's set. It is the
// same for the value that the query returns and the value that the tracer
// plugs, because both convert sets inside the value to sorted arrays.
func valueKey(value any) (string, error) {
	raw, err := json.Marshal(value)
	if err != nil {
		return "", fmt.Errorf("encode result %s: %w", brief(value), err)
	}

	return string(raw), nil
}
