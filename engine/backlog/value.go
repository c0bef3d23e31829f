package backlog

import (
	"errors"
	"math"
	"math/big"

	"github.com/zclconf/go-cty/cty"
)

// errNumberRange is returned for a number that JSON cannot carry.
var errNumberRange = errors.New("number out of range")

// goValue converts a known cty value to the plain Go value that
// encoding/json and OPA accept: string, int64 or float64, bool, []any,
// map[string]any or nil. It fails on numbers beyond the range of float64.
func goValue(value cty.Value) (any, error) {
	if value.IsNull() || !value.IsKnown() {
		return nil, nil
	}

	valueType := value.Type()
	switch {
	case valueType == cty.String:
		return value.AsString(), nil
	case valueType == cty.Bool:
		return value.True(), nil
	case valueType == cty.Number:
		return goNumber(value.AsBigFloat())
	case valueType.IsListType(), valueType.IsTupleType(), valueType.IsSetType():
		return goList(value)
	case valueType.IsMapType(), valueType.IsObjectType():
		return goObject(value)
	default:
		// Literals never produce capsule types, the only other kind.
		return nil, nil
	}
}

func goList(value cty.Value) ([]any, error) {
	list := make([]any, 0, value.LengthInt())
	for _, element := range value.AsValueSlice() {
		converted, err := goValue(element)
		if err != nil {
			return nil, err
		}

		list = append(list, converted)
	}

	return list, nil
}

func goObject(value cty.Value) (map[string]any, error) {
	object := make(map[string]any, value.LengthInt())
	for key, element := range value.AsValueMap() {
		converted, err := goValue(element)
		if err != nil {
			return nil, err
		}

		object[key] = converted
	}

	return object, nil
}

// goNumber keeps whole numbers exact as int64 and returns float64 otherwise.
func goNumber(number *big.Float) (any, error) {
	if number.IsInt() {
		if whole, accuracy := number.Int64(); accuracy == big.Exact {
			return whole, nil
		}
	}

	value, _ := number.Float64()
	if math.IsInf(value, 0) {
		return nil, errNumberRange
	}

	return value, nil
}

// kindName names the kind of value for messages, in the words of JSON
// rather than cty's tuple and object types.
func kindName(value cty.Value) string {
	if value.IsNull() {
		return "null"
	}

	valueType := value.Type()
	switch {
	case valueType == cty.String:
		return "a string"
	case valueType == cty.Number:
		return "a number"
	case valueType == cty.Bool:
		return "a bool"
	case valueType.IsListType(), valueType.IsTupleType(), valueType.IsSetType():
		return "a list"
	case valueType.IsMapType(), valueType.IsObjectType():
		return "an object"
	default:
		return valueType.FriendlyName()
	}
}
