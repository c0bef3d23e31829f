package policy

import (
	"reflect"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/berth-policy/berth/engine/input"
	"github.com/berth-policy/berth/internal/parallel"
)

// InputValue converts the document to OPA's value type once, instead of
// letting each evaluation convert a Go value by reflection. The document's
// fields (projects, Dockerfiles, requirements and the rest) are converted
// concurrently, each with its own converter.
func InputValue(doc input.Document) (ast.Value, error) {
	v := reflect.ValueOf(doc)
	fields := fieldsOf(v.Type())

	terms := make([]*ast.Term, len(fields))
	errs := make([]error, len(fields))
	parallel.ForEach(len(fields), func(i int) {
		f := fields[i]
		field := v.Field(f.index)
		if f.inline || f.omitEmpty && (field.IsZero() || isEmptyCollection(field)) {
			return
		}
		terms[i], errs[i] = newConverter().term(field)
	})

	obj := ast.NewObjectWithCapacity(len(fields))
	for i, f := range fields {
		if f.inline {
			if err := newConverter().addFields(obj, v.Field(f.index)); err != nil {
				return nil, err
			}
			continue
		}
		if errs[i] != nil {
			return nil, errs[i]
		}
		if terms[i] != nil {
			obj.Insert(ast.StringTerm(f.name), terms[i])
		}
	}

	return obj, nil
}
