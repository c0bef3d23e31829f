package compose

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/berth-policy/berth/engine/input"
)

// variableUses lists every interpolation expression in the project's files
// and the files they extend or include, with whether the environment that
// Compose interpolates the file with defines it. That is env, completed
// by the include's env files for a file reached through include.
func variableUses(src *sources, files []string, env map[string]string) []input.VariableUse {
	uses := []input.VariableUse{}
	for _, f := range src.ordered(files) {
		fileEnv := env
		if f.scoped {
			fileEnv = f.env
		}
		walkScalars(f.mappingRoot(), "", func(node *yaml.Node, path string) {
			uses = append(uses, f.variableUses(node, path, fileEnv)...)
		})
	}

	return uses
}

// walkScalars calls visit for every scalar value under node with its
// dotted path. Aliases are skipped, because their anchor is visited where
// it is written.
func walkScalars(node *yaml.Node, path string, visit func(*yaml.Node, string)) {
	if node == nil {
		return
	}

	switch node.Kind {
	case yaml.ScalarNode:
		visit(node, path)
	case yaml.SequenceNode:
		for i, child := range node.Content {
			walkScalars(child, joinPath(path, strconv.Itoa(i)), visit)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(node.Content); i += 2 {
			key := node.Content[i]
			if isMergeKey(key) {
				continue
			}
			walkScalars(node.Content[i+1], joinPath(path, key.Value), visit)
		}
	}
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}

	return path + "." + key
}

// variableUses locates each expression of a scalar. The column is found by
// searching the source line, because quoting and escapes shift the
// expression relative to the parsed value.
func (f *sourceFile) variableUses(node *yaml.Node, path string, env map[string]string) []input.VariableUse {
	refs := references(node.Value)
	if len(refs) == 0 {
		return nil
	}

	uses := make([]input.VariableUse, 0, len(refs))
	cursor := -1
	for _, r := range refs {
		_, defined := env[r.name]
		use := input.VariableUse{
			Name:       r.name,
			Defined:    defined,
			HasDefault: r.hasDefault(),
			Required:   r.required(),
			Path:       path,
			Location:   f.locate(node),
		}

		if loc, next, ok := f.findExpression(node, r, cursor); ok {
			use.Location = loc
			cursor = next
		}
		uses = append(uses, use)
	}

	return uses
}

// findExpression finds the text that starts reference r on the scalar's
// first line, after byte offset cursor.
func (f *sourceFile) findExpression(node *yaml.Node, r reference, cursor int) (input.Location, int, bool) {
	if node.Line < 1 || node.Line > len(f.lines) {
		return input.Location{}, 0, false
	}

	line := f.lines[node.Line-1]
	from := byteOffset(line, node.Column)
	if cursor >= from {
		from = cursor + 1
	}
	if from > len(line) {
		return input.Location{}, 0, false
	}

	token := node.Value[r.offset:]
	if end := strings.IndexAny(token[1:], "}$:?+- /\"'"); end >= 0 {
		token = token[:end+1]
	}

	at := strings.Index(line[from:], token)
	if at < 0 {
		return input.Location{}, 0, false
	}
	at += from

	return input.Location{
		File:      f.path,
		Line:      node.Line,
		Column:    input.UTF16Column(line, at),
		EndLine:   node.Line,
		EndColumn: input.UTF16Column(line, at+len(token)),
	}, at, true
}
