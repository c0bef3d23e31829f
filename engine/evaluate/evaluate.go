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

	"github.com/berth-policy/berth/engine/conftest"
	"github.com/berth-policy/berth/engine/evaluate/policy"
	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
)

// Evaluator holds the compiled policies and one prepared query per rule
// package, so one process compiles once and evaluates any number of inputs.
// Stock OPA gathers the same findings through data.berth.main.findings.
// berth queries each package's deny set instead, so that the rules run in
// parallel and a rule that fails costs only its own findings.
type Evaluator struct {
	packages []preparedRule

	// conventional evaluates the conftest-style rules of the user's
	// packages outside data.berth.
	conventional *conftest.Evaluator

	rules  []finding.Rule
	params map[string]map[string]any
}

// Finding is one result of the policies, before berth applies the
// backlog's priorities, statuses and waivers.
type Finding struct {
	RuleID   string         `json:"rule"`
	Message  string         `json:"msg"`
	Location input.Location `json:"location"`
	Service  string         `json:"service,omitempty"`
}

// New compiles the built-in policies and the Rego library, or what the
// options select instead, with berth's restricted capabilities.
func New(ctx context.Context, opts ...Option) (*Evaluator, error) {
	var c config
	for _, opt := range opts {
		opt(&c)
	}

	return newEvaluator(ctx, c)
}

// NewFromFS compiles the policies in fsys together with the Rego library.
func NewFromFS(ctx context.Context, fsys fs.FS) (*Evaluator, error) {
	return newEvaluator(ctx, config{builtin: fsys})
}

func newEvaluator(ctx context.Context, c config) (*Evaluator, error) {
	src, err := loadSources(c)
	if err != nil {
		return nil, err
	}

	files := src.all()
	compile := func() (*ast.Compiler, error) { return policy.Compile(files.Modules(), c.strict()) }
	if c.builtinOnly() {
		compile = func() (*ast.Compiler, error) { return policy.CompileBuiltin(files.Modules()) }
	}
	compiler, err := compile()
	if err != nil {
		return nil, err
	}

	packages, err := prepareRules(ctx, compiler, src.store)
	if err != nil {
		return nil, err
	}

	rules, err := conventionalRules(files)
	if err != nil {
		return nil, err
	}
	conventional, err := conftest.Prepare(ctx, compiler, src.store, rules)
	if err != nil {
		return nil, err
	}

	return &Evaluator{
		packages:     packages,
		conventional: conventional,
		rules:        mergeRules(ruleMetadata(compiler), rules),
		params:       ruleParams(compiler),
	}, nil
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
// file, line, column and rule. When some rules fail at run time, it
// returns the other rules' findings together with a RuleErrors error.
func (e *Evaluator) Evaluate(ctx context.Context, doc input.Document) ([]Finding, error) {
	value, err := policy.InputValue(doc)
	if err != nil {
		return nil, err
	}

	findings, failed := e.evaluateEach(ctx, value)

	more, err := e.conventionalFindings(ctx, value)
	if err != nil {
		return nil, err
	}
	findings = append(findings, more...)

	sort.Slice(findings, func(i, j int) bool { return less(findings[i], findings[j]) })

	if len(failed) > 0 {
		return findings, failed
	}

	return findings, nil
}

// evalFindings runs a prepared query whose result is a set of findings.
func evalFindings(ctx context.Context, prepared rego.PreparedEvalQuery, value ast.Value) ([]Finding, error) {
	results, err := prepared.Eval(ctx, rego.EvalParsedInput(value))
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
		return nil, fmt.Errorf("read findings: a rule under data.berth.rules returned a finding of the wrong shape; build findings with data.berth.lib.result.fail: %w", err)
	}

	return findings, nil
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
