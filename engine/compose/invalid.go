package compose

import (
	"fmt"
	"regexp"

	"github.com/compose-spec/compose-go/v2/format"
	"github.com/compose-spec/compose-go/v2/types"
	"go.yaml.in/yaml/v4"

	"github.com/berth-policy/berth/engine/input"
)

var (
	// portProblem matches the errors of the port parser that compose-go
	// uses, github.com/docker/go-connections/nat, which name no service.
	portProblem = regexp.MustCompile(`^(Invalid (ip address|containerPort|hostPort|ranges|range|proto|format)|No port specified|Empty string specified for ports)`)

	envFileMissing = regexp.MustCompile(`^env file (\S+) not found: `)
)

// invalidValue recognizes an error about a volume or port item that
// compose-go cannot parse. compose-go reports whichever invalid item it
// meets first in map order, so berth reports the first invalid item in the
// order the files write them instead, which is the same on every run.
func (l *layering) invalidValue(msg string) (input.Location, string, bool) {
	if invalidSpec.MatchString(msg) {
		return l.firstInvalid("volumes", func(spec string) error {
			_, err := format.ParseVolume(spec)
			return err
		})
	}

	if portProblem.MatchString(msg) {
		return l.firstInvalid("ports", func(spec string) error {
			_, err := types.ParsePortConfig(spec)
			return err
		})
	}

	return input.Location{}, "", false
}

// firstInvalid returns the location and error of the first short-syntax
// item under a service's key that parse rejects once interpolated.
func (l *layering) firstInvalid(key string, parse func(string) error) (input.Location, string, bool) {
	for _, f := range l.sources.ordered(l.paths) {
		for _, service := range serviceEntries(f) {
			attribute, ok := lookup(service.value, key)
			if !ok {
				continue
			}
			for _, it := range elements(f, attribute.value) {
				value := resolveAlias(it.value)
				if it.key != nil || value == nil || value.Kind != yaml.ScalarNode {
					continue
				}
				if err := parse(f.interpolate(value.Value)); err != nil {
					return it.location(), err.Error(), true
				}
			}
		}
	}

	return input.Location{}, "", false
}

// missingEnvFile recognizes compose-go's error about a required env file
// that does not exist, and locates the env_file entry that names it.
func (l *layering) missingEnvFile(msg string) (input.Location, string, bool) {
	m := envFileMissing.FindStringSubmatch(msg)
	if m == nil {
		return input.Location{}, "", false
	}

	text := fmt.Sprintf("env file %s not found; create it, or add required: false to its env_file entry to make it optional", m[1])
	for _, f := range l.sources.ordered(l.paths) {
		for _, service := range serviceEntries(f) {
			attribute, ok := lookup(service.value, "env_file")
			if !ok {
				continue
			}
			for _, item := range scalarOrList(attribute.value) {
				node := envFilePath(item)
				if node != nil && l.names(f, scalarText(node), m[1]) {
					return f.locate(node), text, true
				}
			}
		}
	}

	return input.Location{}, "", false
}

// envFilePath returns the path node of an env_file item, written as a
// path or as a mapping with a path key.
func envFilePath(item *yaml.Node) *yaml.Node {
	item = resolveAlias(item)
	if item == nil || item.Kind == yaml.ScalarNode {
		return item
	}

	if p, ok := lookup(item, "path"); ok {
		return p.value
	}

	return nil
}

// names reports whether written, a path in f, resolves to path as an
// error message prints it, which is relative to the root of the run or
// absolute.
func (l *layering) names(f *sourceFile, written, path string) bool {
	abs := f.resolvePath(written)

	return abs == path || relativePath(l.sources.root, abs) == path
}

// serviceEntries lists the services that f writes.
func serviceEntries(f *sourceFile) []entry {
	services, ok := lookup(f.mappingRoot(), "services")
	if !ok {
		return nil
	}

	return entries(services.value)
}
