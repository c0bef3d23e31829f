package compose

import (
	"errors"
	"path/filepath"

	"github.com/compose-spec/compose-go/v2/template"
	"go.yaml.in/yaml/v4"

	"github.com/berth-policy/berth/engine/input"
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

	// env is the project environment, which the project's own files are
	// interpolated with.
	env map[string]string

	// paths are the project's own files, absolute and in merge order.
	paths []string

	// files are the project's files and the files of the projects they
	// include, in the order Compose merges them.
	files []*sourceFile

	// openErr is the first included or extended file that could not be
	// read or parsed.
	openErr error

	// including contains the files whose includes are being followed.
	// Compose rejects an include cycle, but the syntax check runs first, so
	// a file that includes itself must not be followed again.
	including map[string]bool
}

// origin is the include or extends entry that names a file, so that a
// file that cannot be read is reported where it is named.
type origin struct {
	file *sourceFile
	node *yaml.Node
}

// maxDepth bounds extends and include chains. Compose rejects cycles; this
// guard only keeps a malformed chain from recursing without end.
const maxDepth = 32

// newLayering opens the project's files and every file they include. The
// project's files read relative paths from the folder of the first file,
// which is the working directory Load gives compose-go.
func newLayering(src *sources, files []string, env map[string]string) *layering {
	// Each layering sets the files' scopes again, because the environment
	// may differ between the syntax check and the conversion.
	for _, f := range src.files {
		f.scoped = false
	}

	l := &layering{sources: src, env: env, paths: files, including: map[string]bool{}}
	if len(files) > 0 {
		l.files = l.projectFiles(files, filepath.Dir(files[0]), env, origin{}, 0)
	}

	return l
}

// projectFiles opens files with the given folder and environment and
// returns them after the files of the projects they include, because
// Compose merges included projects first.
func (l *layering) projectFiles(files []string, dir string, env map[string]string, from origin, depth int) []*sourceFile {
	if depth > maxDepth {
		return nil
	}

	var included, own []*sourceFile
	for _, abs := range files {
		if l.including[abs] {
			continue
		}
		f, ok := l.open(abs, dir, env, from)
		if !ok {
			continue
		}
		own = append(own, f)

		include, ok := lookup(f.mappingRoot(), "include")
		if !ok {
			continue
		}
		l.including[abs] = true
		for _, item := range sequenceItems(include.value) {
			inc := l.includeEntry(f, item)
			if len(inc.files) > 0 {
				included = append(included, l.projectFiles(inc.files, inc.dir, inc.env, origin{file: f, node: item}, depth+1)...)
			}
		}
		delete(l.including, abs)
	}

	return append(included, own...)
}

// open parses the file at abs and, the first time the layering reaches it,
// records the folder and environment Compose reads it with. A file that
// cannot be read is reported at the entry that names it.
func (l *layering) open(abs, dir string, env map[string]string, from origin) (*sourceFile, bool) {
	f, err := l.sources.get(abs)
	if err != nil {
		var le input.LoadError
		if errors.As(err, &le) && le.Line == 0 && from.file != nil {
			le.Location = from.file.locate(from.node)
			err = le
		}
		if l.openErr == nil {
			l.openErr = err
		}
		return nil, false
	}
	if !f.scoped {
		f.dir, f.env, f.scoped = dir, env, true
	}

	return f, true
}

// serviceLayers returns the layers of the service called name, lowest
// precedence first.
func (l *layering) serviceLayers(name string) []layer {
	var result []layer
	for _, f := range l.files {
		e, ok := lookupPath(f.mappingRoot(), "services", name)
		if !ok {
			continue
		}
		result = append(result, l.extendsLayers(f, e.value, 1)...)
		result = append(result, layer{file: f, key: e.key, service: e.value})
	}

	return result
}

// extendsLayers returns the layers of the service that service extends,
// lowest precedence first. The base is interpolated with the environment
// of the file that extends it, and reads its own relative paths from its
// own folder, as compose-go loads it.
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
		baseName = f.interpolate(value.Value)
	case yaml.MappingNode:
		if s, ok := lookup(value, "service"); ok {
			baseName = f.interpolate(scalarText(s.value))
		}
		if file, ok := lookup(value, "file"); ok {
			abs := f.resolvePath(scalarText(file.value))
			other, ok := l.open(abs, filepath.Dir(abs), f.env, origin{file: f, node: file.value})
			if !ok {
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

// interpolate substitutes variables from the file's environment the way
// Compose does, returning s unchanged when it cannot be interpolated.
// Unset variables become empty without a warning, because compose-go warns
// about them when it loads the project.
func (f *sourceFile) interpolate(s string) string {
	out, err := template.SubstituteWithOptions(s, func(name string) (string, bool) {
		v, ok := f.env[name]
		return v, ok
	}, template.WithoutLogging)
	if err != nil {
		return s
	}

	return out
}

// resolvePath interpolates a path written in f and makes it absolute
// against f's folder, as Compose resolves extends.file and include paths.
func (f *sourceFile) resolvePath(written string) string {
	return f.absPath(f.interpolate(written))
}

// absPath makes an interpolated path absolute against f's folder.
func (f *sourceFile) absPath(p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}

	return filepath.Join(f.dir, p)
}
