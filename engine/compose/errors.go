package compose

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/berth-policy/berth/engine/input"
)

var (
	yamlPosition     = regexp.MustCompile(`line (\d+)(?:, column (\d+))?: `)
	requiredMissing  = regexp.MustCompile(`required variable (\w+) is missing a value`)
	modelPath        = regexp.MustCompile(`\b(services|volumes|networks|secrets|configs)\.([A-Za-z0-9._-]+)`)
	serviceInMessage = regexp.MustCompile(`service "?([A-Za-z0-9._-]+)"?`)
	backtickKey      = regexp.MustCompile("`([a-z_]+)`")
	invalidSpec      = regexp.MustCompile(`invalid spec: (\S+): `)
)

// syntaxError turns a YAML decoder error into a load error at the line and
// column the decoder names.
func syntaxError(path string, err error) input.LoadError {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	loc := input.Location{File: path}

	if m := yamlPosition.FindStringSubmatch(msg); m != nil {
		loc.Line, _ = strconv.Atoi(m[1])
		if m[2] != "" {
			loc.Column, _ = strconv.Atoi(m[2])
		}
		msg = strings.Replace(msg, m[0], "", 1)
	}
	msg = strings.TrimPrefix(strings.TrimSpace(msg), "construct errors:")

	return input.LoadError{Location: loc, Message: "invalid YAML: " + strings.TrimSpace(msg)}
}

// loadError turns a compose-go error into a load error that names the file
// and, where the message allows, the line of the value at fault. Absolute
// paths in the message become relative to the root of the run.
func loadError(src *sources, files []string, err error, root string) input.LoadError {
	msg := err.Error()
	if root != "" {
		msg = strings.ReplaceAll(msg, strings.TrimSuffix(root, "/")+"/", "")
	}
	msg = strings.TrimPrefix(msg, "validating ")

	loc := input.Location{File: relativePath(root, files[0]), Line: 1, Column: 1}
	if found, ok := locateError(src, files, msg); ok {
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

// locateError looks for the value an error message is about: a variable
// that is required but unset, a model path such as services.web.ports, or a
// service and a key named in backticks.
func locateError(src *sources, files []string, msg string) (input.Location, bool) {
	if m := invalidSpec.FindStringSubmatch(msg); m != nil {
		return findText(src, files, m[1])
	}

	if m := requiredMissing.FindStringSubmatch(msg); m != nil {
		return findText(src, files, "${"+m[1]+":?", "${"+m[1]+"?")
	}

	if m := modelPath.FindStringSubmatch(msg); m != nil {
		keys := []string{m[1]}
		keys = append(keys, strings.Split(m[2], ".")...)
		for len(keys) > 1 {
			if loc, ok := findPath(src, files, keys); ok {
				return loc, true
			}
			keys = keys[:len(keys)-1]
		}
	}

	if m := serviceInMessage.FindStringSubmatch(msg); m != nil {
		keys := []string{"services", m[1]}
		if k := backtickKey.FindStringSubmatch(msg); k != nil {
			if loc, ok := findPath(src, files, append(keys, k[1])); ok {
				return loc, true
			}
		}
		return findPath(src, files, keys)
	}

	return input.Location{}, false
}

// findPath locates keys in the last file that writes them.
func findPath(src *sources, files []string, keys []string) (input.Location, bool) {
	for i := len(files) - 1; i >= 0; i-- {
		f, err := src.get(files[i])
		if err != nil {
			continue
		}
		if e, ok := lookupPath(f.mappingRoot(), keys...); ok {
			return f.locate(e.key), true
		}
	}

	return input.Location{}, false
}

// findText locates the first occurrence of any of texts in the project's
// files and the files they extend or include.
func findText(src *sources, files []string, texts ...string) (input.Location, bool) {
	for _, abs := range files {
		if _, err := src.get(abs); err != nil {
			continue
		}
	}

	for _, f := range src.ordered(files) {
		for i, line := range f.lines {
			for _, text := range texts {
				if col := strings.Index(line, text); col >= 0 {
					return input.Location{
						File:      f.path,
						Line:      i + 1,
						Column:    input.UTF16Column(line, col),
						EndLine:   i + 1,
						EndColumn: input.UTF16Column(line, col+len(text)),
					}, true
				}
			}
		}
	}

	return input.Location{}, false
}
