package compose

import (
	"maps"
	"path/filepath"

	"github.com/compose-spec/compose-go/v2/dotenv"
	"go.yaml.in/yaml/v4"
)

// included is the project that one include entry names.
type included struct {
	// files are absolute, in merge order.
	files []string

	// dir is the included project's directory: project_directory, or the
	// folder of the first file. Its files read relative paths from there.
	dir string

	// env is the including file's environment, completed by the entry's
	// env_file or by the .env file in dir.
	env map[string]string
}

// includeEntry resolves one entry of f's include list the way compose-go
// does. Paths, project_directory and env_file are relative to f's folder,
// and variables already set win over those of the env files.
func (l *layering) includeEntry(f *sourceFile, item *yaml.Node) included {
	item = resolveAlias(item)

	var paths, envFiles []*yaml.Node
	var projectDir *yaml.Node
	switch item.Kind {
	case yaml.ScalarNode:
		paths = []*yaml.Node{item}
	case yaml.MappingNode:
		if p, ok := lookup(item, "path"); ok {
			paths = scalarOrList(p.value)
		}
		if d, ok := lookup(item, "project_directory"); ok {
			projectDir = d.value
		}
		if e, ok := lookup(item, "env_file"); ok {
			envFiles = scalarOrList(e.value)
		}
	}

	var inc included
	for _, p := range paths {
		inc.files = append(inc.files, f.resolvePath(scalarText(p)))
	}
	if len(inc.files) == 0 {
		return inc
	}

	inc.dir = filepath.Dir(inc.files[0])
	if projectDir != nil {
		inc.dir = f.resolvePath(scalarText(projectDir))
	}

	inc.env = includeEnv(f, envFiles, inc.dir)

	return inc
}

// includeEnv returns f's environment completed by the entry's env files,
// or by dir/.env when the entry names none. A file that cannot be read is
// skipped, because compose-go rejects such a project when it loads it.
func includeEnv(f *sourceFile, envFiles []*yaml.Node, dir string) map[string]string {
	var paths []string
	for _, e := range envFiles {
		p := f.interpolate(scalarText(e))
		if p == "/dev/null" {
			continue
		}
		paths = append(paths, f.absPath(p))
	}
	if envFiles == nil {
		if dotEnv := filepath.Join(dir, ".env"); fileExists(dotEnv) {
			paths = []string{dotEnv}
		}
	}

	env := maps.Clone(f.env)
	if env == nil {
		env = map[string]string{}
	}
	if len(paths) == 0 {
		return env
	}

	fromFiles, err := dotenv.GetEnvFromFile(f.env, paths)
	if err != nil {
		return env
	}
	for k, v := range fromFiles {
		if _, set := env[k]; !set {
			env[k] = v
		}
	}

	return env
}

// scalarOrList returns the items of a list value, or the value itself when
// it is a single scalar, as Compose accepts both for include paths and env
// files.
func scalarOrList(value *yaml.Node) []*yaml.Node {
	if items := sequenceItems(value); items != nil {
		return items
	}

	value = resolveAlias(value)
	if value == nil || value.Kind != yaml.ScalarNode {
		return nil
	}

	return []*yaml.Node{value}
}
