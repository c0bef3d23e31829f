package policy

import (
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Package paths of berth's own Rego (library, entry point and rules) and of
// its rules.
var (
	berthRoot = ast.MustParseRef("data.berth")
	rulesRoot = ast.MustParseRef("data.berth.rules")
)

// InBerth reports whether a package belongs to berth's namespace,
// data.berth, where data.berth.main.findings gathers the rules.
func InBerth(pkg ast.Ref) bool {
	return pkg.HasPrefix(berthRoot)
}

// CheckUser checks that the user's packages under data.berth.rules follow
// berth's rule convention, which data.berth.main.findings relies on: the
// package is data.berth.rules.<name>, one level deep, and its METADATA has
// the custom.id that data.berth.lib.result.fail writes as the rule id.
// Without it, fail is undefined and the rule would report nothing. The
// error lists every file that breaks the convention.
func CheckUser(files Files) error {
	var errs []error
	for _, f := range files {
		pkg := f.Module.Package
		if !pkg.Path.HasPrefix(rulesRoot) {
			continue
		}

		loc := pkg.Location
		switch {
		case len(pkg.Path) != len(rulesRoot)+1:
			errs = append(errs, fmt.Errorf("%s:%d: package %s is not gathered: berth rules are packages data.berth.rules.<name>, one level below data.berth.rules; move the package, or use another namespace for conftest-style rules",
				loc.File, loc.Row, pkg.Path))
		case !hasCustomID(f.Module):
			errs = append(errs, fmt.Errorf("%s:%d: package %s has no custom.id in its METADATA: berth rules need one as their rule id, for example \"# custom:\" then \"#   id: TEAM-1\"",
				loc.File, loc.Row, pkg.Path))
		}
	}
	if len(errs) > 0 {
		return newListError("check policies", errs)
	}

	return nil
}

func hasCustomID(m *ast.Module) bool {
	for _, a := range m.Annotations {
		if _, ok := a.Custom["id"]; ok {
			return true
		}
	}

	return false
}
