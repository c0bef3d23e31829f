package conftest

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"

	"github.com/berth-policy/berth/engine/input"
)

// Result is one message of a rule.
type Result struct {
	Rule     Rule
	Message  string
	Location input.Location

	// Service is the Compose service that an object result names under
	// service, if any.
	Service string

	// Exception is the exception rule that excepts the result, such as
	// data.main.exception, or empty.
	Exception string
}

// Evaluator holds a prepared query for every rule and every package's
// exception rule, so that one compile serves any number of inputs.
type Evaluator struct {
	rules      []preparedRule
	exceptions map[string]preparedException
}

type preparedRule struct {
	rule  Rule
	query rego.PreparedEvalQuery

	// definitions is the number of bodies that define the rule.
	definitions int
}

type preparedException struct {
	ref   ast.Ref
	query rego.PreparedEvalQuery
}

// Prepare prepares the queries of rules over the compiled policies and
// the data in store. store may be nil for no data.
func Prepare(ctx context.Context, compiler *ast.Compiler, store storage.Store, rules []Rule) (*Evaluator, error) {
	e := &Evaluator{exceptions: map[string]preparedException{}}

	for _, r := range rules {
		query, err := prepare(ctx, compiler, store, r.Ref())
		if err != nil {
			return nil, err
		}
		e.rules = append(e.rules, preparedRule{rule: r, query: query, definitions: len(compiler.GetRulesExact(r.Ref()))})

		if _, done := e.exceptions[r.Namespace]; done {
			continue
		}
		ref := r.Package.Append(ast.StringTerm("exception"))
		if len(compiler.GetRulesExact(ref)) == 0 {
			continue
		}
		query, err = prepare(ctx, compiler, store, ref)
		if err != nil {
			return nil, err
		}
		e.exceptions[r.Namespace] = preparedException{ref: ref, query: query}
	}

	return e, nil
}

func prepare(ctx context.Context, compiler *ast.Compiler, store storage.Store, ref ast.Ref) (rego.PreparedEvalQuery, error) {
	opts := []func(*rego.Rego){
		rego.ParsedQuery(ast.NewBody(ast.NewExpr(ast.NewTerm(ref)))),
		rego.Compiler(compiler),
	}
	if store != nil {
		opts = append(opts, rego.Store(store))
	}

	query, err := rego.New(opts...).PrepareForEval(ctx)
	if err != nil {
		return rego.PreparedEvalQuery{}, fmt.Errorf("prepare query %s: %w", ref, err)
	}

	return query, nil
}

// Eval evaluates every rule over the input and returns the results in
// rule order. A result of an excepted rule has Exception set.
func (e *Evaluator) Eval(ctx context.Context, input ast.Value) ([]Result, error) {
	excepted := map[string]map[string]bool{}
	for _, ns := range slices.Sorted(maps.Keys(e.exceptions)) {
		names, err := e.exceptions[ns].eval(ctx, input)
		if err != nil {
			return nil, err
		}
		excepted[ns] = names
	}

	var results []Result
	for _, p := range e.rules {
		values, err := evalSet(ctx, p.query, input, p.rule.Ref(), p.rule.Name)
		if err != nil {
			return nil, err
		}

		exception := ""
		if excepted[p.rule.Namespace][exceptionName(p.rule.Name)] {
			exception = e.exceptions[p.rule.Namespace].ref.String()
		}

		messages, err := p.messages(ctx, input, values)
		if err != nil {
			return nil, err
		}
		for _, m := range messages {
			results = append(results, Result{Rule: p.rule, Message: m.text, Location: m.location, Service: m.service, Exception: exception})
		}
	}

	return results, nil
}

// messages reads the values of the rule's set. A value whose location
// names no file, such as a plain string, gets the location of the rule
// head that produced it, because SARIF consumers such as GitHub code
// scanning reject results without a location.
func (p preparedRule) messages(ctx context.Context, doc ast.Value, values []any) ([]message, error) {
	var origins map[string]input.Location

	out := make([]message, 0, len(values))
	for _, v := range values {
		m, err := parseMessage(v)
		if err != nil {
			return nil, fmt.Errorf("read rule %s: %w", p.rule.Ref(), err)
		}
		if m.location.File != "" {
			out = append(out, m)
			continue
		}

		m.location = ruleLocation(p.rule.Location)
		if p.definitions > 1 {
			// Several bodies define the rule, so trace it once to learn
			// which body produced each value.
			if origins == nil {
				if origins, err = p.origins(ctx, doc); err != nil {
					return nil, err
				}
			}
			key, err := valueKey(v)
			if err != nil {
				return nil, err
			}
			if loc, ok := origins[key]; ok {
				m.location = loc
			}
		}
		out = append(out, m)
	}

	return out, nil
}

// eval returns the rule names that the exception rule lists.
func (p preparedException) eval(ctx context.Context, input ast.Value) (map[string]bool, error) {
	sets, err := evalSet(ctx, p.query, input, p.ref, "exception")
	if err != nil {
		return nil, err
	}

	names := map[string]bool{}
	for _, set := range sets {
		list, ok := set.([]any)
		if !ok {
			return nil, fmt.Errorf(`read rule %s: value %s is not a list of rule names; write it as exception contains rules if { ...; rules := ["no_socket"] }`, p.ref, brief(set))
		}
		for _, name := range list {
			if s, ok := name.(string); ok {
				names[s] = true
			}
		}
	}

	return names, nil
}

// evalSet evaluates the rule name at ref, which yields a set (or an
// array), and returns its values. An undefined rule yields none.
func evalSet(ctx context.Context, query rego.PreparedEvalQuery, input ast.Value, ref ast.Ref, name string) ([]any, error) {
	rs, err := query.Eval(ctx, rego.EvalParsedInput(input), rego.EvalSortSets(true))
	if err != nil {
		return nil, fmt.Errorf("evaluate rule %s: %w", ref, err)
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, nil
	}

	values, ok := rs[0].Expressions[0].Value.([]any)
	if !ok {
		return nil, fmt.Errorf("evaluate rule %s: it yields %s instead of a set of messages; write it as %q",
			ref, brief(rs[0].Expressions[0].Value), name+" contains msg if { ... }")
	}

	return values, nil
}
