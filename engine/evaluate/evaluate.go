// Package evaluate compiles berth's Rego policies once and evaluates them
// over an input document.
package evaluate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sort"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/util"

	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
	"github.com/berth-policy/berth/policies"
	regolib "github.com/berth-policy/berth/rego"
)

// query gathers the findings of every rule.
const query = "data.berth.main.findings"

// Evaluator holds the compiled policies and a prepared query, so one
// process compiles once and evaluates any number of inputs.
type Evaluator struct {
	prepared rego.PreparedEvalQuery
	rules    []finding.Rule
	params   map[string]map[string]any
}

// Finding is one result of the policies, before berth applies the
// backlog's priorities, statuses and waivers.
type Finding struct {
	RuleID   string         `json:"rule"`
	Message  string         `json:"msg"`
	Location input.Location `json:"location"`
	Service  string         `json:"service,omitempty"`
}

// New compiles the built-in policies and the Rego library.
func New(ctx context.Context) (*Evaluator, error) {
	return NewFromFS(ctx, policies.FS)
}

// NewFromFS compiles the policies in fsys together with the Rego library.
func NewFromFS(ctx context.Context, fsys fs.FS) (*Evaluator, error) {
	caps := Capabilities()

	modules, err := parseModules(regolib.FS, "rego/", false, caps)
	if err != nil {
		return nil, err
	}
	rules, err := parseModules(fsys, "policies/", false, caps)
	if err != nil {
		return nil, err
	}
	for name, m := range rules {
		modules[name] = m
	}

	compiler := ast.NewCompiler().WithCapabilities(caps).WithStrict(true)
	compiler.Compile(modules)
	if compiler.Failed() {
		return nil, fmt.Errorf("compile policies: %w", compiler.Errors)
	}

	prepared, err := rego.New(
		rego.Query(query),
		rego.Compiler(compiler),
		rego.Capabilities(caps),
		rego.StrictBuiltinErrors(true),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("prepare query %s: %w", query, err)
	}

	return &Evaluator{prepared: prepared, rules: ruleMetadata(compiler), params: ruleParams(compiler)}, nil
}

// Rules describes the compiled rules, sorted by id.
func (e *Evaluator) Rules() []finding.Rule {
	return append([]finding.Rule(nil), e.rules...)
}

// Params returns each rule's parameter names and defaults, keyed by id.
func (e *Evaluator) Params() map[string]map[string]any {
	return e.params
}

// Evaluate runs every rule over doc and returns the findings sorted by
// file, line, column and rule.
func (e *Evaluator) Evaluate(ctx context.Context, doc input.Document) ([]Finding, error) {
	value, err := toValue(doc)
	if err != nil {
		return nil, err
	}

	results, err := e.prepared.Eval(ctx, rego.EvalParsedInput(value))
	if err != nil {
		return nil, fmt.Errorf("evaluate policies: %w", err)
	}
	if len(results) == 0 || len(results[0].Expressions) == 0 {
		return nil, errors.New("evaluate policies: the query returned no result")
	}

	// Converting through JSON checks the findings' shape in one place.
	raw, err := json.Marshal(results[0].Expressions[0].Value)
	if err != nil {
		return nil, fmt.Errorf("read findings: %w", err)
	}
	var findings []Finding
	if err := json.Unmarshal(raw, &findings); err != nil {
		return nil, fmt.Errorf("read findings: a rule returned a finding of the wrong shape: %w", err)
	}

	sort.Slice(findings, func(i, j int) bool { return less(findings[i], findings[j]) })

	return findings, nil
}

// toValue converts the document to OPA's value type once, instead of
// letting each evaluation convert a Go value by reflection.
func toValue(doc input.Document) (ast.Value, error) {
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("encode input: %w", err)
	}

	var generic any
	if err := util.UnmarshalJSON(raw, &generic); err != nil {
		return nil, fmt.Errorf("encode input: %w", err)
	}

	return ast.InterfaceToValue(generic)
}

func less(a, b Finding) bool {
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
		return RuleLess(a.RuleID, b.RuleID)
	}

	return a.Message < b.Message
}
