package compose

import (
	"fmt"

	"go.yaml.in/yaml/v4"

	"github.com/berth-policy/berth/engine/input"
)

// checkSyntax parses every file of the project and the files they include
// or extend, reporting the first syntax error, duplicate key or top level
// that is not a mapping with its position. env is the project environment,
// which include and extends paths may use.
func checkSyntax(src *sources, files []string, env map[string]string) error {
	for _, abs := range files {
		if _, err := src.get(abs); err != nil {
			return err
		}
	}

	l := newLayering(src, files, env)
	l.openExtended()
	if l.openErr != nil {
		return l.openErr
	}

	for _, f := range src.ordered(files) {
		if err := topLevelError(f); err != nil {
			return err
		}
		if errs := duplicateKeys(f, f.root); len(errs) > 0 {
			return errs[0]
		}
	}

	return nil
}

// topLevelError rejects a file whose document is not a mapping, as Docker
// Compose does. A file without any document passes, because Compose
// accepts an empty override file and rejects only a project whose files
// are all empty.
func topLevelError(f *sourceFile) error {
	if f.root == nil || f.root.Kind != yaml.DocumentNode || len(f.root.Content) == 0 {
		return nil
	}

	node := f.root.Content[0]
	switch {
	case node.Kind == yaml.MappingNode:
		return nil
	case node.Kind == yaml.ScalarNode && node.Tag == "!!null":
		return input.LoadError{
			Location: input.Location{File: f.path, Line: 1, Column: 1},
			Message:  "empty Compose file: the document contains nothing; add a services: section or delete the file",
		}
	}

	kind := "a single value"
	if node.Kind == yaml.SequenceNode {
		kind = "a list"
	}

	return input.LoadError{
		Location: f.locate(node),
		Message:  fmt.Sprintf("the top level of a Compose file must be a mapping of keys such as services:, but this file contains %s", kind),
	}
}
