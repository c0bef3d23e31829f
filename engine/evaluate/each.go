package evaluate

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/berth-policy/berth/engine/input"
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

// evaluateEach evaluates each rule package under data.berth.rules on its
// own, so that a failing rule costs only its own findings.
func (e *Evaluator) evaluateEach(ctx context.Context, value ast.Value) ([]Finding, RuleErrors) {
	var (
		findings []Finding
		failed   RuleErrors
	)

	for _, pkg := range rulePackages(e.compiler) {
		opts := []func(*rego.Rego){
			rego.Query(pkg.path + ".deny"),
			rego.Compiler(e.compiler),
			rego.StrictBuiltinErrors(true),
		}
		if e.store != nil {
			opts = append(opts, rego.Store(e.store))
		}

		prepared, err := rego.New(opts...).PrepareForEval(ctx)
		if err == nil {
			var found []Finding
			found, err = evalFindings(ctx, prepared, value)
			findings = append(findings, found...)
		}
		if err != nil {
			failed = append(failed, RuleError{Package: pkg.path, Location: pkg.location, Err: err})
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
