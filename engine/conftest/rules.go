package conftest

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/berth-policy/berth/engine/finding"
)

// Rule names that conftest's conventions query, with an optional suffix
// of letters and digits after each underscore.
var (
	failureName = regexp.MustCompile(`^(deny|violation)(_[a-zA-Z0-9]+)*$`)
	warningName = regexp.MustCompile(`^warn(_[a-zA-Z0-9]+)*$`)
)

// Rule is one deny, violation or warn rule of a package.
type Rule struct {
	// Package is the package path, such as data.main.
	Package ast.Ref

	// Namespace is the package path without data., as conftest names it:
	// main or user.compose.
	Namespace string

	// Name is the rule name, such as deny_no_socket.
	Name string

	// ID is the rule id of the rule's findings: the package METADATA
	// custom.id, or Namespace.Name when the package has none.
	ID string

	// Level is error for deny and violation rules and warning for warn
	// rules.
	Level finding.Level

	// Title and Description come from the package METADATA.
	Title       string
	Description string

	// Location is where the rule is first defined.
	Location *ast.Location
}

// Ref returns the reference that queries the rule, such as data.main.deny.
func (r Rule) Ref() ast.Ref {
	return r.Package.Append(ast.StringTerm(r.Name))
}

// LevelOf returns the level of a rule name that the conventions query, and
// false for any other name.
func LevelOf(name string) (finding.Level, bool) {
	switch {
	case failureName.MatchString(name):
		return finding.LevelError, true
	case warningName.MatchString(name):
		return finding.LevelWarning, true
	}

	return "", false
}

// exceptionName returns the name that an exception rule lists for a rule:
// the rule name without its deny_, violation_ or warn_ prefix, and the
// empty string for deny, violation and warn themselves, as in conftest.
func exceptionName(rule string) string {
	for _, prefix := range []string{"deny", "violation", "warn"} {
		if rule == prefix {
			return ""
		}
		if rest, ok := strings.CutPrefix(rule, prefix+"_"); ok {
			return rest
		}
	}

	return rule
}

// Namespaces returns the package paths of modules without data., sorted
// and without duplicates.
func Namespaces(modules map[string]*ast.Module) []string {
	set := map[string]bool{}
	for _, m := range modules {
		set[namespace(m.Package.Path)] = true
	}

	return slices.Sorted(maps.Keys(set))
}

// Rules returns the deny, violation and warn rules of the modules whose
// namespace is in namespaces, sorted by namespace and name. A rule written
// as "deny if { ... }" is an error: it yields true instead of a set of
// messages, and conftest rejects it too.
func Rules(modules map[string]*ast.Module, namespaces []string) ([]Rule, error) {
	selected := map[string]bool{}
	for _, ns := range namespaces {
		selected[ns] = true
	}

	meta := packageMetadata(modules)
	byRef := map[string]Rule{}
	var errs []string

	for _, name := range slices.Sorted(maps.Keys(modules)) {
		m := modules[name]
		ns := namespace(m.Package.Path)
		if !selected[ns] {
			continue
		}

		for _, r := range m.Rules {
			ruleName, ok := headName(r.Head)
			if !ok {
				continue
			}
			level, ok := LevelOf(ruleName)
			if !ok {
				continue
			}
			if isBooleanRule(r.Head) {
				errs = append(errs, fmt.Sprintf("%s:%d: rule %s yields true instead of a set of messages; write %q",
					r.Location.File, r.Location.Row, ruleName, ruleName+" contains msg if { ... }"))
				continue
			}

			rule := Rule{Package: m.Package.Path, Namespace: ns, Name: ruleName, Level: level, Location: r.Location}
			key := rule.Ref().String()
			if _, seen := byRef[key]; seen {
				continue
			}
			meta[ns].apply(&rule)
			byRef[key] = rule
		}
	}

	if len(errs) > 0 {
		return nil, fmt.Errorf("find policy rules: fix these rules:\n  %s", strings.Join(errs, "\n  "))
	}

	rules := make([]Rule, 0, len(byRef))
	for _, key := range slices.Sorted(maps.Keys(byRef)) {
		rules = append(rules, byRef[key])
	}

	return rules, nil
}

func namespace(pkg ast.Ref) string {
	return strings.TrimPrefix(pkg.String(), "data.")
}

// headName returns the name of a rule whose head is a single name, such
// as deny in "deny contains msg if". Rules with a longer head reference,
// such as deny.images, are not queried, as in conftest.
func headName(h *ast.Head) (string, bool) {
	ref := h.Ref()
	if len(ref) != 1 {
		return "", false
	}
	v, ok := ref[0].Value.(ast.Var)

	return string(v), ok
}

func isBooleanRule(h *ast.Head) bool {
	return h.Key == nil && h.Value != nil && h.Value.Equal(ast.BooleanTerm(true))
}

// metadata is what the package METADATA gives the rules of a package.
type metadata struct {
	id          string
	title       string
	description string
}

// apply sets the rule's id, title and description. A package without
// custom.id gives each rule the id Namespace.Name.
func (m metadata) apply(r *Rule) {
	r.ID = m.id
	if r.ID == "" {
		r.ID = r.Namespace + "." + r.Name
	}
	r.Title = m.title
	r.Description = m.description
}

// packageMetadata reads the package-scoped METADATA of every package,
// keyed by namespace. When several files of a package have METADATA, the
// first file by name wins.
func packageMetadata(modules map[string]*ast.Module) map[string]metadata {
	out := map[string]metadata{}
	for _, name := range slices.Sorted(maps.Keys(modules)) {
		m := modules[name]
		ns := namespace(m.Package.Path)
		if _, done := out[ns]; done {
			continue
		}

		for _, a := range m.Annotations {
			if a.Scope != "package" {
				continue
			}
			id, _ := a.Custom["id"].(string)
			out[ns] = metadata{id: id, title: a.Title, description: strings.TrimSpace(a.Description)}
			break
		}
	}

	return out
}
