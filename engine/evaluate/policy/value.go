package policy

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

// toValue converts a Go value to OPA's value type the way encoding/json
// would encode it and OPA would decode the JSON, without the JSON text in
// between: on a large repository the text and its decoded maps cost as
// much memory as the input itself. It covers the kinds the input document
// uses: structs with json tags (embedded structs are inlined), pointers,
// slices, maps with string keys, interfaces, strings, booleans and numbers.
func toValue(v reflect.Value) (ast.Value, error) {
	switch v.Kind() {
	case reflect.Invalid:
		return ast.Null{}, nil
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return ast.Null{}, nil
		}
		return toValue(v.Elem())
	case reflect.String:
		return ast.String(v.String()), nil
	case reflect.Bool:
		return ast.Boolean(v.Bool()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return ast.Number(strconv.FormatInt(v.Int(), 10)), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return ast.Number(strconv.FormatUint(v.Uint(), 10)), nil
	case reflect.Float32, reflect.Float64:
		return ast.Number(strconv.FormatFloat(v.Float(), 'g', -1, v.Type().Bits())), nil
	case reflect.Slice:
		if v.IsNil() {
			return ast.Null{}, nil
		}
		return sliceValue(v)
	case reflect.Array:
		return sliceValue(v)
	case reflect.Map:
		if v.IsNil() {
			return ast.Null{}, nil
		}
		return mapValue(v)
	case reflect.Struct:
		return structValue(v)
	default:
		return nil, fmt.Errorf("encode input: values of kind %s are not supported", v.Kind())
	}
}

func sliceValue(v reflect.Value) (ast.Value, error) {
	terms := make([]*ast.Term, v.Len())
	for i := range terms {
		item, err := toValue(v.Index(i))
		if err != nil {
			return nil, err
		}
		terms[i] = ast.NewTerm(item)
	}

	return ast.NewArray(terms...), nil
}

func mapValue(v reflect.Value) (ast.Value, error) {
	if v.Type().Key().Kind() != reflect.String {
		return nil, fmt.Errorf("encode input: maps with %s keys are not supported", v.Type().Key())
	}

	obj := ast.NewObject()
	iter := v.MapRange()
	for iter.Next() {
		item, err := toValue(iter.Value())
		if err != nil {
			return nil, err
		}
		obj.Insert(ast.StringTerm(iter.Key().String()), ast.NewTerm(item))
	}

	return obj, nil
}

func structValue(v reflect.Value) (ast.Value, error) {
	obj := ast.NewObject()
	if err := addFields(obj, v); err != nil {
		return nil, err
	}

	return obj, nil
}

// addFields inserts the exported fields of struct v into obj, inlining
// embedded structs without a json name as encoding/json does.
func addFields(obj ast.Object, v reflect.Value) error {
	for _, f := range fieldsOf(v.Type()) {
		field := v.Field(f.index)

		if f.inline {
			if err := addFields(obj, field); err != nil {
				return err
			}
			continue
		}
		if f.omitEmpty && field.IsZero() || f.omitEmpty && isEmptyCollection(field) {
			continue
		}

		item, err := toValue(field)
		if err != nil {
			return err
		}
		obj.Insert(ast.StringTerm(f.name), ast.NewTerm(item))
	}

	return nil
}

// isEmptyCollection reports whether v is an empty slice, map or string,
// which omitempty leaves out even when it is not nil.
func isEmptyCollection(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map, reflect.String, reflect.Array:
		return v.Len() == 0
	default:
		return false
	}
}

// field is the encoding of one struct field: its JSON name and options.
type field struct {
	index     int
	name      string
	omitEmpty bool
	inline    bool
}

// fieldCache holds the encoding of each struct type, computed once.
var fieldCache sync.Map

func fieldsOf(t reflect.Type) []field {
	if cached, ok := fieldCache.Load(t); ok {
		return cached.([]field)
	}

	var fields []field
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}

		name, options, _ := strings.Cut(tag, ",")
		if sf.Anonymous && name == "" && sf.Type.Kind() == reflect.Struct {
			fields = append(fields, field{index: i, inline: true})
			continue
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		fields = append(fields, field{index: i, name: name, omitEmpty: strings.Contains(options, "omitempty")})
	}

	fieldCache.Store(t, fields)

	return fields
}
