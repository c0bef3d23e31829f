package evaluate

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"

	"github.com/berth-policy/berth/engine/input"
	"github.com/berth-policy/berth/internal/parallel"
)

// RuleError is a rule that failed at run time. Its findings are missing;
// the other rules' findings are complete.
type RuleError struct {
	// Package is the rule's Rego package, such as data.berth.rules.healthcheck.
	Package  string
	Location input.Location
	Err      error
}

func (e RuleError) Error() string {
	return fmt.Sprintf("rule package %s failed, so its findings are missing: %v", e.Package, e.Err)
}

// RuleErrors lists the rules that failed in one evaluation. Evaluate
// returns it together with the findings of every other rule.
type RuleErrors []RuleError

func (e RuleErrors) Error() string {
	messages := make([]string, 0, len(e))
	for _, r := range e {
		messages = append(messages, r.Error())
	}

	return strings.Join(messages, "; ")
}

// preparedRule is one rule package with its deny query ready to run.
type preparedRule struct {
	rulePackage
	query rego.PreparedEvalQuery
}

// prepareRules prepares the deny query of every rule package, in parallel
// because each preparation plans its own query.
func prepareRules(ctx context.Context, compiler *ast.Compiler, store storage.Store) ([]preparedRule, error) {
	packages := rulePackages(compiler)
	prepared := make([]preparedRule, len(packages))
	errs := make([]error, len(packages))

	parallel.ForEach(len(packages), func(i int) {
		opts := []func(*rego.Rego){
			rego.Query(packages[i].path + ".deny"),
			rego.Compiler(compiler),
			rego.StrictBuiltinErrors(true),
		}
		if store != nil {
			opts = append(opts, rego.Store(store))
		}

		query, err := rego.New(opts...).PrepareForEval(ctx)
		prepared[i] = preparedRule{rulePackage: packages[i], query: query}
		if err != nil {
			errs[i] = fmt.Errorf("prepare rule package %s: %w", packages[i].path, err)
		}
	})

	return prepared, errors.Join(errs...)
}

// evaluateEach evaluates each rule package on its own, in parallel, one
// per core at a time: they share nothing but the read-only input and
// compiled policies. A failing rule costs only its own findings.
func (e *Evaluator) evaluateEach(ctx context.Context, value ast.Value) ([]Finding, RuleErrors) {
	found := make([][]Finding, len(e.packages))
	errs := make([]error, len(e.packages))

	parallel.ForEach(len(e.packages), func(i int) {
		found[i], errs[i] = evalFindings(ctx, e.packages[i].query, value)
	})

	var (
		findings []Finding
		failed   RuleErrors
	)
	for i, pkg := range e.packages {
		findings = append(findings, found[i]...)
		if errs[i] != nil {
			failed = append(failed, RuleError{Package: pkg.path, Location: pkg.location, Err: errs[i]})
		}
	}

	return findings, failed
}

type rulePackage struct {
	path     string
	location input.Location
}

// rulePackages lists the packages under data.berth.rules that define deny,
// sorted by path.
func rulePackages(compiler *ast.Compiler) []rulePackage {
	prefix := "data.berth.rules."

	seen := map[string]bool{}
	var packages []rulePackage
	for _, module := range compiler.Modules {
		path := module.Package.Path.String()
		if !strings.HasPrefix(path, prefix) || seen[path] || !definesDeny(module) {
			continue
		}
		seen[path] = true

		loc := input.Location{}
		if l := module.Package.Location; l != nil {
			loc = input.Location{File: l.File, Line: l.Row, Column: l.Col}
		}
		packages = append(packages, rulePackage{path: path, location: loc})
	}

	sort.Slice(packages, func(i, j int) bool { return packages[i].path < packages[j].path })

	return packages
}

func definesDeny(module *ast.Module) bool {
	for _, rule := range module.Rules {
		if ref := rule.Head.Ref(); len(ref) > 0 && ref[0].String() == "deny" {
			return true
		}
	}

	return false
}
