package backlog

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// decodeParams decodes an item's params object into plain Go values. Keys
// that the rule does not declare and values of another kind than the
// declared default are errors at the key. A null value leaves the key out,
// so the rule's default applies.
func (d *decoder) decodeParams(attribute *hclsyntax.Attribute, rule RuleSchema) map[string]any {
	params := map[string]any{}

	object, ok := attribute.Expr.(*hclsyntax.ObjectConsExpr)
	if !ok {
		d.errorf(attribute.SrcRange, "params must be an object, such as params = { name = value }")
		return params
	}

	seen := map[string]hcl.Range{}
	for _, entry := range object.Items {
		keyRange := entry.KeyExpr.Range()

		key, ok := d.paramKey(entry.KeyExpr)
		if !ok {
			continue
		}

		if first, duplicate := seen[key]; duplicate {
			d.errorf(keyRange, "duplicate parameter %q; it is already set on line %d", key, first.Start.Line)
			continue
		}
		seen[key] = keyRange

		if !d.checkParamDeclared(keyRange, key, rule) {
			continue
		}

		value, ok := d.paramValue(keyRange, key, entry.ValueExpr, rule)
		if ok && value != nil {
			params[key] = value
		}
	}

	return params
}

// paramKey evaluates a key of the params object.
func (d *decoder) paramKey(expr hclsyntax.Expression) (string, bool) {
	key, diags := expr.Value(nil)
	if d.addDiagnostics(diags) {
		return "", false
	}

	if key.IsNull() || !key.IsKnown() || key.Type() != cty.String {
		d.errorf(expr.Range(), "parameter names must be strings, not %s", kindName(key))
		return "", false
	}

	return key.AsString(), true
}

// checkParamDeclared reports a key that the rule does not declare.
func (d *decoder) checkParamDeclared(keyRange hcl.Range, key string, rule RuleSchema) bool {
	if _, declared := rule.Params[key]; declared {
		return true
	}

	if len(rule.Params) == 0 {
		d.errorf(keyRange, "unknown parameter %q: rule %s has no parameters, so remove it", key, rule.ID)
		return false
	}

	names := slices.Sorted(maps.Keys(rule.Params))
	d.errorf(keyRange, "unknown parameter %q for rule %s; expected %s", key, rule.ID, orList(names))

	return false
}

// paramValue evaluates a parameter value and checks its kind against the
// rule's default. It returns nil for a null value.
func (d *decoder) paramValue(keyRange hcl.Range, key string, expr hclsyntax.Expression, rule RuleSchema) (any, bool) {
	value, diags := expr.Value(nil)
	if d.addDiagnostics(diags) {
		return nil, false
	}

	if !value.IsWhollyKnown() {
		d.errorf(keyRange, "parameter %q has no known value; write a literal value", key)
		return nil, false
	}

	converted, err := goValue(value)
	if err != nil {
		d.errorf(keyRange, "parameter %q of rule %s contains a number too large for JSON", key, rule.ID)
		return nil, false
	}

	if converted == nil {
		return nil, true
	}

	// TODO: compare the kinds of list elements and object members with the
	// default too; only the top-level kind is checked.
	defaultValue := rule.Params[key]
	expected := goKindName(defaultValue)
	if expected != "" && expected != goKindName(converted) {
		d.errorf(keyRange, "parameter %q of rule %s must be %s like its default %s, not %s",
			key, rule.ID, expected, formatDefault(defaultValue), kindName(value))
		return nil, false
	}

	return converted, true
}

// goKindName names the JSON kind of a Go value, or returns "" for nil and
// for types that have no JSON kind, which then accept any value.
func goKindName(value any) string {
	if value == nil {
		return ""
	}

	if _, ok := value.(json.Number); ok {
		return "a number"
	}

	switch reflect.ValueOf(value).Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a bool"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "an object"
	default:
		return ""
	}
}

// formatDefault renders a default value as JSON for messages.
func formatDefault(value any) string {
	encoded, err := json.Marshal(value)
	if err != nil {
		return fmt.Sprint(value)
	}

	return string(encoded)
}
