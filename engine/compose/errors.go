package compose

import (
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/berth-policy/berth/engine/input"
)

var (
	validatingFile   = regexp.MustCompile(`^validating \S+: `)
	requiredMissing  = regexp.MustCompile(`(?:error while interpolating (\S+): )?required variable (\w+) is missing a value`)
	modelPath        = regexp.MustCompile(`\b(?:services|volumes|networks|secrets|configs|models)[.\[][^\s:'"]*`)
	serviceInMessage = regexp.MustCompile(`service "?([A-Za-z0-9._-]+)"?`)
	backtickKey      = regexp.MustCompile("`([a-z_]+)`")
	invalidSpec      = regexp.MustCompile(`invalid spec: (\S+): `)
	undefinedItem    = regexp.MustCompile(`service "([^"]+)" refers to undefined (network|volume|secret|config|model) (\S+?):`)
)

// decodingFailed leads mapstructure's list of decoding errors, which
// compose-go returns when a value has the wrong form.
const decodingFailed = "decoding failed due to the following error(s):"

// emptyProject is compose-go's whole message when no file of the project
// contains anything.
const emptyProject = "empty compose file"

// loadError turns a compose-go error into a load error that names the file
// and, where the message allows, the line of the value at fault. env is
// the project environment, used to follow include and extends entries.
func loadError(src *sources, files []string, env map[string]string, err error, root string) input.LoadError {
	msg := plainMessage(err.Error(), root)
	if msg == emptyProject {
		return input.LoadError{
			Location: input.Location{File: relativePath(root, files[0]), Line: 1, Column: 1},
			Message:  "empty Compose project: no file of the project defines anything; add a services: section",
		}
	}

	l := newLayering(src, files, env)
	l.openExtended()

	if loc, text, ok := l.unknownKey(msg); ok {
		return input.LoadError{Location: loc, Message: text}
	}

	loc := input.Location{File: relativePath(root, files[0]), Line: 1, Column: 1}
	if found, text, ok := l.invalidValue(msg); ok {
		loc, msg = found, text
	} else if found, text, ok := l.missingEnvFile(msg); ok {
		loc, msg = found, text
	} else if found, ok := l.locateError(msg); ok {
		loc = found
	}

	// compose-go prefixes some messages with the file name, which the
	// location already carries.
	msg = strings.TrimPrefix(msg, loc.File+": ")
	if m := invalidSpec.FindStringSubmatch(msg); m != nil && strings.HasPrefix(m[1], ":") {
		msg += "; the volume has an empty source, so a variable in it is probably unset: define it in .env or pass --env"
	}

	return input.LoadError{Location: loc, Message: msg}
}

// plainMessage makes absolute paths relative to root and drops the
// prefixes that compose-go and mapstructure put before the problem, since
// the location names the file. Several errors, which compose-go joins
// with newlines sorted by model path, become clauses of one line, and the
// location points at the first.
func plainMessage(msg, root string) string {
	if root != "" {
		msg = strings.ReplaceAll(msg, strings.TrimSuffix(root, "/")+"/", "")
	}
	msg = validatingFile.ReplaceAllString(msg, "")
	msg = strings.TrimPrefix(msg, decodingFailed)

	// A line that ends in a colon introduces the next one, as in
	// "include cycle detected:\nA\n include B".
	var joined strings.Builder
	for _, line := range strings.Split(msg, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		switch {
		case joined.Len() == 0:
		case strings.HasSuffix(joined.String(), ":"):
			joined.WriteString(" ")
		default:
			joined.WriteString("; ")
		}
		joined.WriteString(line)
	}

	return joined.String()
}

// locateError looks for the value an error message is about. That is a
// volume spec, a required variable that is unset, the include list of an
// include cycle, an undefined resource that a service uses, a model path
// such as services.web.ports.0, or a service and a key named in backticks.
//
// TODO: compose-go names no service for some other invalid values, such
// as "healthcheck.test must start either by ...", so those stay at line 1
// of the first file.
func (l *layering) locateError(msg string) (input.Location, bool) {
	if m := invalidSpec.FindStringSubmatch(msg); m != nil {
		return l.findScalar(m[1])
	}

	if m := requiredMissing.FindStringSubmatch(msg); m != nil {
		return l.requiredUse(m[2], modelKeys(m[1]))
	}

	if strings.HasPrefix(msg, "include cycle detected") {
		return l.locatePath([]string{"include"})
	}

	if m := undefinedItem.FindStringSubmatch(msg); m != nil {
		if it, ok := findItem(l.serviceLayers(m[1]), matchName(m[3]), m[2]+"s"); ok {
			return it.location(), true
		}
		return l.locatePath([]string{"services", m[1], m[2] + "s"})
	}

	if m := modelPath.FindString(msg); m != "" {
		return l.locatePath(modelKeys(strings.TrimRight(m, ".,")))
	}

	if m := serviceInMessage.FindStringSubmatch(msg); m != nil {
		keys := []string{"services", m[1]}
		if k := backtickKey.FindStringSubmatch(msg); k != nil {
			keys = append(keys, k[1])
		} else if strings.Contains(msg, "cannot extend service") {
			keys = append(keys, "extends")
		}
		return l.locatePath(keys)
	}

	return input.Location{}, false
}

// findScalar locates the first scalar in the project's files whose text
// contains text.
func (l *layering) findScalar(text string) (input.Location, bool) {
	for _, f := range l.sources.ordered(l.paths) {
		var found input.Location
		walkScalars(f.mappingRoot(), "", func(node *yaml.Node, _ string) {
			if found.IsZero() && strings.Contains(node.Value, text) {
				found = f.locate(node)
			}
		})
		if !found.IsZero() {
			return found, true
		}
	}

	return input.Location{}, false
}

// requiredUse locates the expression that made compose-go fail for the
// required variable name: ${name:?message} when name is unset or empty,
// ${name?message} only when it is unset. An expression at path, the model
// path compose-go names, wins over the first failing one in the files.
func (l *layering) requiredUse(name string, path []string) (input.Location, bool) {
	var first input.Location
	for _, f := range l.sources.ordered(l.paths) {
		env := l.env
		if f.scoped {
			env = f.env
		}
		value, set := env[name]

		var found input.Location
		walkScalars(f.mappingRoot(), "", func(node *yaml.Node, usePath string) {
			if !found.IsZero() {
				return
			}
			refs := references(node.Value)
			for i, use := range f.variableUses(node, usePath, env) {
				fails := !set || value == "" && refs[i].operator == ":?"
				if use.Name != name || !use.Required || !fails {
					continue
				}
				if first.IsZero() {
					first = use.Location
				}
				if samePath(strings.Split(usePath, "."), path) {
					found = use.Location
					return
				}
			}
		})
		if !found.IsZero() {
			return found, true
		}
	}

	return first, !first.IsZero()
}

// samePath compares a path from walkScalars with a model path from an
// error message, where "[]" stands for any item of a list.
func samePath(walked, model []string) bool {
	if len(walked) != len(model) {
		return false
	}

	for i, key := range model {
		if key != walked[i] && !(key == "[]" && isIndex(walked[i])) {
			return false
		}
	}

	return true
}

func isIndex(key string) bool {
	_, err := strconv.Atoi(key)
	return err == nil
}
