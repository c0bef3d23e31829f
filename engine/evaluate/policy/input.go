package policy

import (
	"encoding/json"
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/util"

	"github.com/berth-policy/berth/engine/input"
)

// InputValue converts the document to OPA's value type once, instead of
// letting each evaluation convert a Go value by reflection.
func InputValue(doc input.Document) (ast.Value, error) {
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("encode input: %w", err)
	}

	var generic any
	if err := util.UnmarshalJSON(raw, &generic); err != nil {
		return nil, fmt.Errorf("encode input: %w", err)
	}

	return ast.InterfaceToValue(generic)
}
