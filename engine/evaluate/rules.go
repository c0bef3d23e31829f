package evaluate

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/berth-policy/berth/engine/finding"
)

// ruleMetadata reads the description of every rule from the package
// annotations that carry custom.id.
func ruleMetadata(compiler *ast.Compiler) []finding.Rule {
	var rules []finding.Rule
	for _, ref := range compiler.GetAnnotationSet().Flatten() {
		a := ref.Annotations
		if a == nil || a.Scope != "package" {
			continue
		}
		id, ok := a.Custom["id"].(string)
		if !ok {
			continue
		}

		rule := finding.Rule{
			ID:          id,
			Name:        customString(a.Custom, "name"),
			Title:       a.Title,
			Description: strings.TrimSpace(a.Description),
			Priority:    customString(a.Custom, "priority"),
			Tags:        customStrings(a.Custom, "tags"),
		}
		rule.Level = finding.LevelForPriority(rule.Priority)
		rule.SecuritySeverity = customString(a.Custom, "security_severity")
		for _, r := range a.RelatedResources {
			if r != nil && r.Ref.String() != "" {
				rule.HelpURI = r.Ref.String()
				break
			}
		}
		rules = append(rules, rule)
	}

	sortRules(rules)

	return rules
}

func sortRules(rules []finding.Rule) {
	sort.Slice(rules, func(i, j int) bool { return RuleLess(rules[i].ID, rules[j].ID) })
}

// ruleParams returns each rule's parameter defaults from custom.params.
func ruleParams(compiler *ast.Compiler) map[string]map[string]any {
	params := map[string]map[string]any{}
	for _, ref := range compiler.GetAnnotationSet().Flatten() {
		a := ref.Annotations
		if a == nil || a.Scope != "package" {
			continue
		}
		id, ok := a.Custom["id"].(string)
		if !ok {
			continue
		}
		p, _ := a.Custom["params"].(map[string]any)
		if p == nil {
			p = map[string]any{}
		}
		params[id] = p
	}

	return params
}

// RuleLess orders rule ids naturally, so that C-2 comes before C-10.
func RuleLess(a, b string) bool {
	prefixA, numA := splitID(a)
	prefixB, numB := splitID(b)
	if prefixA != prefixB {
		return prefixA < prefixB
	}
	if numA != numB {
		return numA < numB
	}

	return a < b
}

func splitID(id string) (string, int) {
	i := strings.LastIndexAny(id, "-_")
	if i < 0 {
		return id, -1
	}

	n, err := strconv.Atoi(id[i+1:])
	if err != nil {
		return id, -1
	}

	return id[:i], n
}

func customString(custom map[string]any, key string) string {
	if v, ok := custom[key]; ok {
		return fmt.Sprint(v)
	}

	return ""
}

func customStrings(custom map[string]any, key string) []string {
	list, _ := custom[key].([]any)
	out := make([]string, 0, len(list))
	for _, v := range list {
		out = append(out, fmt.Sprint(v))
	}

	return out
}
