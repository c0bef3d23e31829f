package backlog

import (
	"math"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// value evaluates an attribute without variables or functions. It returns
// false when the attribute is absent, null or invalid, having recorded the
// error in the last case.
func (d *decoder) value(attribute *hclsyntax.Attribute) (cty.Value, bool) {
	if attribute == nil {
		return cty.NilVal, false
	}

	value, diags := attribute.Expr.Value(nil)
	if d.addDiagnostics(diags) {
		return cty.NilVal, false
	}

	// A null value means "not set", as Terraform treats it.
	if value.IsNull() {
		return cty.NilVal, false
	}

	if !value.IsWhollyKnown() {
		d.errorf(attribute.SrcRange, "%s has no known value; write a literal value", attribute.Name)
		return cty.NilVal, false
	}

	return value, true
}

// stringValue decodes a string attribute. Numbers and bools are converted, as
// HCL does for string attributes.
func (d *decoder) stringValue(attribute *hclsyntax.Attribute) (string, bool) {
	// A bare word such as P0 parses as a variable reference. The error shows
	// the quoted form, which is clearer than HCL's "Variables not allowed".
	if traversal, ok := attributeExpr(attribute).(*hclsyntax.ScopeTraversalExpr); ok {
		text := d.src.text(traversal.SrcRange)
		d.errorf(attribute.SrcRange, "%s must be a quoted string; write %s = %q", attribute.Name, attribute.Name, text)
		return "", false
	}

	value, ok := d.value(attribute)
	if !ok {
		return "", false
	}

	converted, err := convert.Convert(value, cty.String)
	if err != nil {
		d.errorf(attribute.SrcRange, "%s must be a string in quotes, not %s", attribute.Name, kindName(value))
		return "", false
	}

	return converted.AsString(), true
}

// boolValue decodes a bool attribute.
func (d *decoder) boolValue(attribute *hclsyntax.Attribute) (bool, bool) {
	value, ok := d.value(attribute)
	if !ok {
		return false, false
	}

	if value.Type() != cty.Bool {
		d.errorf(attribute.SrcRange, "%s must be true or false, not %s", attribute.Name, kindName(value))
		return false, false
	}

	return value.True(), true
}

// numberValue decodes a number attribute.
func (d *decoder) numberValue(attribute *hclsyntax.Attribute) (float64, bool) {
	value, ok := d.value(attribute)
	if !ok {
		return 0, false
	}

	if value.Type() != cty.Number {
		d.errorf(attribute.SrcRange, "%s must be a number without quotes, not %s", attribute.Name, kindName(value))
		return 0, false
	}

	number, _ := value.AsBigFloat().Float64()
	if math.IsInf(number, 0) {
		d.errorf(attribute.SrcRange, "%s is too large", attribute.Name)
		return 0, false
	}

	return number, true
}

// stringListValue decodes a list of strings.
func (d *decoder) stringListValue(attribute *hclsyntax.Attribute) ([]string, bool) {
	value, ok := d.value(attribute)
	if !ok {
		return nil, false
	}

	if !value.Type().IsTupleType() && !value.Type().IsListType() {
		d.errorf(attribute.SrcRange, "%s must be a list of strings, such as %s = [\"a\", \"b\"]", attribute.Name, attribute.Name)
		return nil, false
	}

	list := make([]string, 0, value.LengthInt())
	for index, element := range value.AsValueSlice() {
		if element.IsNull() || element.Type() != cty.String {
			d.errorf(elementRange(attribute, index), "%s must be a list of strings, but element %d is %s",
				attribute.Name, index+1, kindName(element))
			return nil, false
		}

		list = append(list, element.AsString())
	}

	return list, true
}

// elementRange returns the range of a list element as written, or the
// attribute's range when the list is not written as [...].
func elementRange(attribute *hclsyntax.Attribute, index int) hcl.Range {
	list, ok := attribute.Expr.(*hclsyntax.TupleConsExpr)
	if !ok || index >= len(list.Exprs) {
		return attribute.SrcRange
	}

	return list.Exprs[index].Range()
}

// attributeExpr returns the expression of attribute, or nil when it is
// absent.
func attributeExpr(attribute *hclsyntax.Attribute) hclsyntax.Expression {
	if attribute == nil {
		return nil
	}

	return attribute.Expr
}
