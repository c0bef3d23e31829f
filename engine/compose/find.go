package compose

import (
	"go.yaml.in/yaml/v4"

	"github.com/berth-policy/berth/engine/input"
)

// found is a value located in one layer.
type found struct {
	file  *sourceFile
	entry entry
}

// findKey returns the highest-precedence layer that writes keys, or false
// when none does or a later layer removes the key with !reset.
func findKey(layers []layer, keys ...string) (found, bool) {
	for i := len(layers) - 1; i >= 0; i-- {
		e, ok := lookupPath(layers[i].service, keys...)
		if !ok {
			continue
		}
		if hasTag(e.value, "!reset") {
			return found{}, false
		}
		return found{file: layers[i].file, entry: e}, true
	}

	return found{}, false
}

// location returns where the key was written, or the zero location.
func (f found) location() input.Location {
	if f.file == nil {
		return input.Location{}
	}

	return f.file.locateEntry(f.entry)
}

// item is one element of a list or mapping attribute in one layer. For a
// mapping, key is the element's key and value its value.
type item struct {
	file  *sourceFile
	key   *yaml.Node
	value *yaml.Node
}

// location points at the element: the key of a mapping element, the
// scalar of a list element, or the first key of a long-syntax mapping.
func (it item) location() input.Location {
	if it.key != nil {
		return it.file.locateEntry(entry{key: it.key, value: it.value})
	}

	value := it.value
	if value.Kind == yaml.MappingNode && len(value.Content) > 0 {
		return it.file.locate(value.Content[0])
	}

	return it.file.locate(value)
}

// text returns the element's scalar text as written, or "".
func (it item) text() string {
	v := resolveAlias(it.value)
	if v != nil && v.Kind == yaml.ScalarNode {
		return v.Value
	}

	return ""
}

// findItem searches the layers from the highest precedence down for the
// first element of the attribute at keys that match accepts. A layer whose
// value carries !override or !reset hides the layers below it.
func findItem(layers []layer, match func(item) bool, keys ...string) (item, bool) {
	for i := len(layers) - 1; i >= 0; i-- {
		e, ok := lookupPath(layers[i].service, keys...)
		if !ok {
			continue
		}

		for _, it := range elements(layers[i].file, e.value) {
			if match(it) {
				return it, true
			}
		}

		if hasTag(e.value, "!override") || hasTag(e.value, "!reset") {
			break
		}
	}

	return item{}, false
}

// elements lists a list or mapping attribute's elements. An alias used as
// a whole element keeps the alias as its value, so its location is the
// anchor's use site.
func elements(f *sourceFile, value *yaml.Node) []item {
	resolved := resolveAlias(value)
	if resolved == nil {
		return nil
	}

	var items []item
	switch resolved.Kind {
	case yaml.SequenceNode:
		for _, v := range resolved.Content {
			items = append(items, item{file: f, value: v})
		}
	case yaml.MappingNode:
		for _, e := range entries(resolved) {
			items = append(items, item{file: f, key: e.key, value: e.value})
		}
	}

	return items
}
