package compose

import (
	"path/filepath"

	"github.com/compose-spec/compose-go/v2/template"
	"go.yaml.in/yaml/v4"
)

// layer is one place that defines part of a service: a service mapping in
// one file. A resolved service is the merge of its layers.
type layer struct {
	file    *sourceFile
	key     *yaml.Node
	service *yaml.Node
}

// layering finds the layers of services the way Compose merges them:
// included projects first, then for each file in order the base of any
// extends before the service's own mapping. Later layers win.
type layering struct {
	sources *sources
	env     map[string]string
}

// maxDepth bounds extends and include chains. Compose rejects cycles; this
// guard only keeps a malformed chain from recursing without end.
const maxDepth = 32

func (l *layering) serviceLayers(files []string, name string, depth int) []layer {
	if depth > maxDepth {
		return nil
	}

	var result []layer
	for _, abs := range files {
		f, err := l.sources.get(abs)
		if err != nil {
			continue
		}
		if include, ok := lookup(f.mappingRoot(), "include"); ok {
			for _, item := range sequenceItems(include.value) {
				result = append(result, l.serviceLayers(l.includeFiles(f, item), name, depth+1)...)
			}
		}
	}

	for _, abs := range files {
		f, err := l.sources.get(abs)
		if err != nil {
			continue
		}
		e, ok := lookupPath(f.mappingRoot(), "services", name)
		if !ok {
			continue
		}
		result = append(result, l.extendsLayers(f, e.value, depth+1)...)
		result = append(result, layer{file: f, key: e.key, service: e.value})
	}

	return result
}

// extendsLayers returns the layers of the service that service extends,
// lowest precedence first.
func (l *layering) extendsLayers(f *sourceFile, service *yaml.Node, depth int) []layer {
	if depth > maxDepth {
		return nil
	}

	extends, ok := lookup(service, "extends")
	if !ok {
		return nil
	}

	baseFile, baseName := f, ""
	value := resolveAlias(extends.value)
	switch value.Kind {
	case yaml.ScalarNode:
		baseName = value.Value
	case yaml.MappingNode:
		if s, ok := lookup(value, "service"); ok {
			baseName = l.interpolate(s.value.Value)
		}
		if file, ok := lookup(value, "file"); ok {
			abs := l.resolvePath(f, file.value.Value)
			other, err := l.sources.get(abs)
			if err != nil {
				return nil
			}
			baseFile = other
		}
	}

	base, ok := lookupPath(baseFile.mappingRoot(), "services", baseName)
	if !ok {
		return nil
	}

	layers := l.extendsLayers(baseFile, base.value, depth+1)

	return append(layers, layer{file: baseFile, key: base.key, service: base.value})
}

// includeFiles returns the files one include entry names, in merge order.
func (l *layering) includeFiles(f *sourceFile, item *yaml.Node) []string {
	item = resolveAlias(item)

	var paths []*yaml.Node
	switch item.Kind {
	case yaml.ScalarNode:
		paths = []*yaml.Node{item}
	case yaml.MappingNode:
		if p, ok := lookup(item, "path"); ok {
			if items := sequenceItems(p.value); items != nil {
				paths = items
			} else {
				paths = []*yaml.Node{resolveAlias(p.value)}
			}
		}
	}

	var files []string
	for _, p := range paths {
		if p != nil && p.Kind == yaml.ScalarNode {
			files = append(files, l.resolvePath(f, p.Value))
		}
	}

	return files
}

// resolvePath interpolates a path written in f and makes it absolute
// against f's folder, as Compose resolves extends.file and include paths.
func (l *layering) resolvePath(f *sourceFile, written string) string {
	p := l.interpolate(written)
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}

	return filepath.Join(filepath.Dir(f.abs), p)
}

// interpolate substitutes variables the way Compose does, returning s
// unchanged when it cannot be interpolated.
func (l *layering) interpolate(s string) string {
	out, err := template.Substitute(s, func(name string) (string, bool) {
		v, ok := l.env[name]
		return v, ok
	})
	if err != nil {
		return s
	}

	return out
}
