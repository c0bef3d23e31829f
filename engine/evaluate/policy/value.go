package policy

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

// converter turns a Go value into OPA's value type the way encoding/json
// would encode it and OPA would decode the JSON, without the JSON text in
// between: on a large repository the text and its decoded maps cost as
// much memory as the input itself. It covers the kinds the input document
// uses: structs with json tags (embedded structs are inlined), pointers,
// slices, maps with string keys, interfaces, strings, booleans and numbers.
//
// Scalars are shared: every location repeats its file's path and the
// keys file, line and column, so one term per distinct string or number
// keeps the converted input at about half the size. Sharing is safe
// because evaluation never changes the input's terms. OPA shares its own
// interned terms the same way.
type converter struct {
	strings map[string]*ast.Term
	numbers map[int64]*ast.Term
}

func newConverter() *converter {
	return &converter{strings: map[string]*ast.Term{}, numbers: map[int64]*ast.Term{}}
}

func (c *converter) stringTerm(s string) *ast.Term {
	if t, ok := c.strings[s]; ok {
		return t
	}
	t := ast.StringTerm(s)
	c.strings[s] = t

	return t
}

func (c *converter) intTerm(n int64) *ast.Term {
	if t, ok := c.numbers[n]; ok {
		return t
	}
	t := ast.NumberTerm(json.Number(strconv.FormatInt(n, 10)))
	c.numbers[n] = t

	return t
}

func (c *converter) term(v reflect.Value) (*ast.Term, error) {
	switch v.Kind() {
	case reflect.Invalid:
		return ast.InternedNullTerm, nil
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return ast.InternedNullTerm, nil
		}
		return c.term(v.Elem())
	case reflect.String:
		return c.stringTerm(v.String()), nil
	case reflect.Bool:
		return ast.InternedTerm(v.Bool()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return c.intTerm(v.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return ast.NumberTerm(json.Number(strconv.FormatUint(v.Uint(), 10))), nil
	case reflect.Float32, reflect.Float64:
		return ast.NumberTerm(json.Number(strconv.FormatFloat(v.Float(), 'g', -1, v.Type().Bits()))), nil
	case reflect.Slice:
		if v.IsNil() {
			return ast.InternedNullTerm, nil
		}
		return c.slice(v)
	case reflect.Array:
		return c.slice(v)
	case reflect.Map:
		if v.IsNil() {
			return ast.InternedNullTerm, nil
		}
		return c.mapping(v)
	case reflect.Struct:
		obj := ast.NewObjectWithCapacity(len(fieldsOf(v.Type())))
		if err := c.addFields(obj, v); err != nil {
			return nil, err
		}
		return ast.NewTerm(obj), nil
	default:
		return nil, fmt.Errorf("encode input: values of kind %s are not supported", v.Kind())
	}
}

func (c *converter) slice(v reflect.Value) (*ast.Term, error) {
	terms := make([]*ast.Term, v.Len())
	for i := range terms {
		item, err := c.term(v.Index(i))
		if err != nil {
			return nil, err
		}
		terms[i] = item
	}

	return ast.ArrayTerm(terms...), nil
}

func (c *converter) mapping(v reflect.Value) (*ast.Term, error) {
	if v.Type().Key().Kind() != reflect.String {
		return nil, fmt.Errorf("encode input: maps with %s keys are not supported", v.Type().Key())
	}

	obj := ast.NewObjectWithCapacity(v.Len())
	iter := v.MapRange()
	for iter.Next() {
		item, err := c.term(iter.Value())
		if err != nil {
			return nil, err
		}
		obj.Insert(c.stringTerm(iter.Key().String()), item)
	}

	return ast.NewTerm(obj), nil
}

// addFields inserts the exported fields of struct v into obj, inlining
// embedded structs without a json name as encoding/json does.
func (c *converter) addFields(obj ast.Object, v reflect.Value) error {
	for _, f := range fieldsOf(v.Type()) {
		field := v.Field(f.index)

		if f.inline {
			if err := c.addFields(obj, field); err != nil {
				return err
			}
			continue
		}
		if f.omitEmpty && field.IsZero() || f.omitEmpty && isEmptyCollection(field) {
			continue
		}

		item, err := c.term(field)
		if err != nil {
			return err
		}
		obj.Insert(c.stringTerm(f.name), item)
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
