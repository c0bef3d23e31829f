package compose

import (
	"go.yaml.in/yaml/v4"
)

// sourceFile is one Compose file parsed into YAML nodes, kept to find where
// each resolved value was written.
type sourceFile struct {
	// path is relative to the root of the run; abs is the file on disk.
	path string
	abs  string

	root  *yaml.Node
	lines []string

	// dir is the folder that the file's relative include and extends.file
	// paths start from, and env contains the variables Compose interpolates it
	// with. The layering sets both when it reaches the file, and scoped is
	// false until then.
	dir    string
	env    map[string]string
	scoped bool
}

// mappingRoot returns the top-level mapping of the file, or nil.
func (f *sourceFile) mappingRoot() *yaml.Node {
	if f == nil || f.root == nil {
		return nil
	}

	node := f.root
	if node.Kind == yaml.DocumentNode && len(node.Content) > 0 {
		node = node.Content[0]
	}
	if node.Kind != yaml.MappingNode {
		return nil
	}

	return node
}

// entry is a key and its value found in a mapping.
type entry struct {
	key   *yaml.Node
	value *yaml.Node
}

// lookup finds key in mapping. Keys written in the mapping win over keys
// brought in by merge keys (<<), and among merged mappings the first one
// listed wins, as the YAML merge key type defines.
func lookup(mapping *yaml.Node, key string) (entry, bool) {
	mapping = resolveAlias(mapping)
	if mapping == nil || mapping.Kind != yaml.MappingNode {
		return entry{}, false
	}

	for i := 0; i+1 < len(mapping.Content); i += 2 {
		if k := mapping.Content[i]; k.Value == key && !isMergeKey(k) {
			return entry{key: k, value: mapping.Content[i+1]}, true
		}
	}

	for i := 0; i+1 < len(mapping.Content); i += 2 {
		if !isMergeKey(mapping.Content[i]) {
			continue
		}
		for _, source := range mergeSources(mapping.Content[i+1]) {
			if found, ok := lookup(source, key); ok {
				return found, true
			}
		}
	}

	return entry{}, false
}

// entries lists the key/value pairs of mapping, merged keys included, in
// the order a reader sees them.
func entries(mapping *yaml.Node) []entry {
	mapping = resolveAlias(mapping)
	if mapping == nil || mapping.Kind != yaml.MappingNode {
		return nil
	}

	seen := map[string]bool{}
	var result []entry
	for i := 0; i+1 < len(mapping.Content); i += 2 {
		k := mapping.Content[i]
		if isMergeKey(k) || seen[k.Value] {
			continue
		}
		seen[k.Value] = true
		result = append(result, entry{key: k, value: mapping.Content[i+1]})
	}

	for i := 0; i+1 < len(mapping.Content); i += 2 {
		if !isMergeKey(mapping.Content[i]) {
			continue
		}
		for _, source := range mergeSources(mapping.Content[i+1]) {
			for _, e := range entries(source) {
				if !seen[e.key.Value] {
					seen[e.key.Value] = true
					result = append(result, e)
				}
			}
		}
	}

	return result
}

func isMergeKey(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Tag == "!!merge"
}

// mergeSources returns the mappings that a merge key's value names: one
// alias, or a sequence of aliases.
func mergeSources(value *yaml.Node) []*yaml.Node {
	value = resolveAlias(value)
	if value == nil {
		return nil
	}

	if value.Kind == yaml.SequenceNode {
		var sources []*yaml.Node
		for _, item := range value.Content {
			sources = append(sources, resolveAlias(item))
		}
		return sources
	}

	return []*yaml.Node{value}
}

// resolveAlias follows an alias to the node its anchor names.
func resolveAlias(node *yaml.Node) *yaml.Node {
	for depth := 0; node != nil && node.Kind == yaml.AliasNode && depth < 64; depth++ {
		node = node.Alias
	}

	return node
}

// lookupPath follows keys from mapping.
func lookupPath(mapping *yaml.Node, keys ...string) (entry, bool) {
	var found entry
	node := mapping
	for _, key := range keys {
		e, ok := lookup(node, key)
		if !ok {
			return entry{}, false
		}
		found = e
		node = e.value
	}

	return found, found.key != nil
}

// scalarText returns the text of a scalar value, following an alias to
// its anchor, or "" when the value is not a scalar.
func scalarText(node *yaml.Node) string {
	node = resolveAlias(node)
	if node == nil || node.Kind != yaml.ScalarNode {
		return ""
	}

	return node.Value
}

// sequenceItems returns the items of a sequence value, or nil.
func sequenceItems(value *yaml.Node) []*yaml.Node {
	value = resolveAlias(value)
	if value == nil || value.Kind != yaml.SequenceNode {
		return nil
	}

	return value.Content
}

// hasTag reports whether a value carries a Compose merge tag such as
// !reset or !override.
func hasTag(value *yaml.Node, tag string) bool {
	return value != nil && value.Tag == tag
}
