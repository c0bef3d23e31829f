package compose

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/berth-policy/berth/engine/input"
)

// compose-go's schema validation names an unknown key in one of two ways:
// "PATH additional properties 'KEY' not allowed", where PATH is empty for
// the top level, or "PATH.KEY false schema" for keys of a service.
var (
	additionalProperty = regexp.MustCompile(`^(\S*) ?additional propert(?:y|ies) '([^']+)'.* not allowed$`)
	falseSchema        = regexp.MustCompile(`^(\S+) false schema$`)
	bracketSegment     = regexp.MustCompile(`\[([^\]]*)\]`)
)

// unknownKey recognizes a schema error about a key that the Compose
// specification does not define, and returns the key's location with a
// message that names it.
func (l *layering) unknownKey(msg string) (input.Location, string, bool) {
	var parent []string
	var key string
	if m := additionalProperty.FindStringSubmatch(msg); m != nil {
		parent, key = modelKeys(m[1]), m[2]
	} else if m := falseSchema.FindStringSubmatch(msg); m != nil {
		keys := modelKeys(m[1])
		parent, key = keys[:len(keys)-1], keys[len(keys)-1]
	} else {
		return input.Location{}, "", false
	}

	loc, ok := l.locatePath(append(append([]string{}, parent...), key))
	if !ok {
		return input.Location{}, "", false
	}

	where := "at the top level"
	if len(parent) > 0 {
		where = "in " + strings.Join(parent, ".")
	}
	text := fmt.Sprintf("unknown key %q %s; check its spelling against the Compose specification, or start custom keys with x-", key, where)

	return loc, text, true
}

// modelKeys splits a model path as compose-go and mapstructure print it:
// "services.web.ports.0", "services.web.environment.[0]" or
// "services[web].deploy.resources".
func modelKeys(path string) []string {
	path = bracketSegment.ReplaceAllString(path, ".$1")

	var keys []string
	for _, k := range strings.Split(path, ".") {
		if k != "" {
			keys = append(keys, k)
		}
	}

	return keys
}

// locatePath locates the deepest part of a model path that some file
// writes: a key, or an item of a list. Paths under services follow the
// service's layers, so a key that an extended or included file writes is
// found there. Keys may contain dots, as service names may.
func (l *layering) locatePath(keys []string) (input.Location, bool) {
	if len(keys) >= 2 && keys[0] == "services" {
		return l.locateServicePath(keys[1:])
	}

	var best pathMatch
	for i := len(l.files) - 1; i >= 0; i-- {
		if m := follow(l.files[i], l.files[i].mappingRoot(), keys); m.depth > best.depth {
			best = m
		}
	}
	if best.node == nil {
		return input.Location{}, false
	}

	return best.location(), true
}

// locateServicePath locates keys within one service, whose name is the
// longest leading run of keys that names a service.
func (l *layering) locateServicePath(keys []string) (input.Location, bool) {
	for n := len(keys); n >= 1; n-- {
		layers := l.serviceLayers(strings.Join(keys[:n], "."))
		if len(layers) == 0 {
			continue
		}

		rest := keys[n:]
		top := layers[len(layers)-1]
		best := pathMatch{file: top.file, node: top.key}
		for i := len(layers) - 1; i >= 0 && best.depth < len(rest); i-- {
			if m := follow(layers[i].file, layers[i].service, rest); m.depth > best.depth {
				best = m
			}
		}

		return best.location(), true
	}

	return input.Location{}, false
}

// pathMatch is the deepest node a model path reaches in one file: the key
// of a mapping entry, or an item of a list when item is true. depth counts
// the path's keys it used.
type pathMatch struct {
	file  *sourceFile
	node  *yaml.Node
	item  bool
	depth int
}

func (m pathMatch) location() input.Location {
	if m.item {
		return item{file: m.file, value: m.node}.location()
	}

	return m.file.locate(m.node)
}

// follow walks keys down from node in f. At a mapping it tries the longest
// run of keys joined by dots first; at a list the key is an item's index.
func follow(f *sourceFile, node *yaml.Node, keys []string) pathMatch {
	var best pathMatch
	node = resolveAlias(node)
	if len(keys) == 0 || node == nil {
		return best
	}

	switch node.Kind {
	case yaml.MappingNode:
		for n := len(keys); n >= 1; n-- {
			e, ok := lookup(node, strings.Join(keys[:n], "."))
			if !ok {
				continue
			}
			m := follow(f, e.value, keys[n:])
			if m.node == nil {
				m = pathMatch{file: f, node: e.key}
			}
			m.depth += n
			if m.depth > best.depth {
				best = m
			}
		}
	case yaml.SequenceNode:
		i, err := strconv.Atoi(keys[0])
		if err != nil || i < 0 || i >= len(node.Content) {
			return best
		}
		best = follow(f, node.Content[i], keys[1:])
		if best.node == nil {
			best = pathMatch{file: f, node: node.Content[i], item: true}
		}
		best.depth++
	}

	return best
}

// openExtended opens the files that services extend, so that errors can
// be located in them too.
func (l *layering) openExtended() {
	for _, f := range l.files {
		services, ok := lookup(f.mappingRoot(), "services")
		if !ok {
			continue
		}
		for _, e := range entries(services.value) {
			l.serviceLayers(e.key.Value)
		}
	}
}
