package compose

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"go.yaml.in/yaml/v4"

	"github.com/berth-policy/berth/engine/input"
)

// sources parses and caches the YAML of every file a project reads, so that
// a file reached through several extends or include entries is parsed once.
type sources struct {
	root  string
	files map[string]*sourceFile
}

func newSources(root string) *sources {
	return &sources{root: root, files: map[string]*sourceFile{}}
}

// get returns the parsed file at abs. A file that cannot be read or parsed
// returns an input.LoadError naming the file and, for a syntax problem, its
// position.
func (s *sources) get(abs string) (*sourceFile, error) {
	if f, ok := s.files[abs]; ok {
		return f, nil
	}

	path := relativePath(s.root, abs)
	content, err := os.ReadFile(abs)
	if err != nil {
		return nil, readError(path, err)
	}

	f := &sourceFile{
		path:  path,
		abs:   abs,
		lines: splitLines(content),
	}

	var doc yaml.Node
	if err := yaml.Unmarshal(content, &doc); err != nil {
		return nil, syntaxError(path, f.lines, err)
	}
	f.root = &doc
	s.files[abs] = f

	return f, nil
}

// readError describes a file that cannot be read. The path in the
// operating system's message is absolute, so only its reason is kept.
func readError(path string, err error) input.LoadError {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		err = pathErr.Err
	}

	return input.LoadError{
		Location: input.Location{File: path},
		Message:  fmt.Sprintf("cannot read the Compose file %s: %v; check the path and its permissions", path, err),
	}
}

// relativePath returns abs relative to root with forward slashes, or abs
// itself when it lies outside root.
func relativePath(root, abs string) string {
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || len(rel) > 2 && rel[:3] == ".."+string(filepath.Separator) {
		return filepath.ToSlash(abs)
	}

	return filepath.ToSlash(rel)
}

func splitLines(content []byte) []string {
	content = bytes.TrimPrefix(content, []byte("\uFEFF"))
	raw := bytes.Split(content, []byte("\n"))

	lines := make([]string, len(raw))
	for i, line := range raw {
		lines[i] = string(bytes.TrimSuffix(line, []byte("\r")))
	}

	return lines
}

// duplicateKeys reports every key written twice in one mapping, which
// Docker Compose rejects. The YAML decoder names only the line; this names
// the line and column of the second key.
func duplicateKeys(f *sourceFile, node *yaml.Node) []input.LoadError {
	if node == nil {
		return nil
	}

	var errs []input.LoadError
	if node.Kind == yaml.MappingNode {
		seen := map[string]int{}
		for i := 0; i+1 < len(node.Content); i += 2 {
			key := node.Content[i]
			if first, ok := seen[key.Value]; ok && key.Kind == yaml.ScalarNode {
				errs = append(errs, duplicateKeyError(f, node.Content[first:first+2], node.Content[i:i+2]))
				continue
			}
			seen[key.Value] = i
		}
	}

	for _, child := range node.Content {
		errs = append(errs, duplicateKeys(f, child)...)
	}

	return errs
}

// duplicateKeyError describes the second of two equal keys; first and
// second are each a key node followed by its value node.
func duplicateKeyError(f *sourceFile, first, second []*yaml.Node) input.LoadError {
	key := second[0]
	message := fmt.Sprintf("duplicate key %q (first written at line %d); each key may appear once per mapping", key.Value, first[0].Line)

	if isMergeKey(key) {
		names := "*first, *second"
		if first[1].Kind == yaml.AliasNode && second[1].Kind == yaml.AliasNode {
			names = "*" + first[1].Value + ", *" + second[1].Value
		}
		message = fmt.Sprintf("duplicate merge key \"<<\" (first written at line %d); merge several anchors with one key: <<: [%s]", first[0].Line, names)
	}

	return input.LoadError{Location: f.locate(key), Message: message}
}

// ordered returns the parsed files, the project's own first in merge order
// and then the files they reached through extends or include, by path.
func (s *sources) ordered(files []string) []*sourceFile {
	var result []*sourceFile
	seen := map[string]bool{}
	for _, abs := range files {
		if f, ok := s.files[abs]; ok && !seen[abs] {
			seen[abs] = true
			result = append(result, f)
		}
	}

	var rest []string
	for abs := range s.files {
		if !seen[abs] {
			rest = append(rest, abs)
		}
	}
	sort.Strings(rest)
	for _, abs := range rest {
		result = append(result, s.files[abs])
	}

	return result
}
