package policy

import (
	"reflect"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/berth-policy/berth/engine/input"
)

// InputValue converts the document to OPA's value type once, instead of
// letting each evaluation convert a Go value by reflection.
func InputValue(doc input.Document) (ast.Value, error) {
	term, err := newConverter().term(reflect.ValueOf(doc))
	if err != nil {
		return nil, err
	}

	return term.Value, nil
}
