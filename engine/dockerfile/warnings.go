package dockerfile

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/berth-policy/berth/engine/input"
)

// buildkitEmptyContinuation starts the only parser warning that BuildKit
// v0.34 reports.
const buildkitEmptyContinuation = "Empty continuation line"

func (b *builder) warn(location input.Location, message string) {
	b.result.Warnings = append(b.result.Warnings, input.LoadError{Location: location, Message: message})
}

// addParserWarnings reports the warnings of BuildKit's parser at the
// instruction they belong to. BuildKit gives only the last line of that
// instruction.
func (b *builder) addParserWarnings(warnings []parser.Warning, nodes []*parser.Node) {
	for _, warning := range warnings {
		line := 1
		if warning.Location != nil {
			line = warning.Location.Start.Line
		}

		node := nodeAtLine(nodes, line)
		if node == nil {
			b.warn(b.lines.span(b.path, line, line), warning.Short)
			continue
		}

		location := b.lines.span(b.path, node.StartLine, node.EndLine)
		if !strings.HasPrefix(warning.Short, buildkitEmptyContinuation) {
			b.warn(location, warning.Short)
			continue
		}

		blank := b.firstBlankLine(node.StartLine+1, node.EndLine)
		b.warn(location, fmt.Sprintf(
			"line %d is an empty continuation line of this instruction, which a future BuildKit release will reject; delete it",
			blank))
	}
}

// nodeAtLine returns the node whose lines contain line. Nodes are in file
// order, so a binary search finds it.
func nodeAtLine(nodes []*parser.Node, line int) *parser.Node {
	i := sort.Search(len(nodes), func(i int) bool { return nodes[i].EndLine >= line })
	if i < len(nodes) && nodes[i].StartLine <= line {
		return nodes[i]
	}

	return nil
}

// firstBlankLine returns the first line from start to end that holds only
// white space, or end when there is none.
func (b *builder) firstBlankLine(start, end int) int {
	for line := start; line <= end; line++ {
		if isBlank(b.lines.text(line)) {
			return line
		}
	}

	return end
}

// sortWarnings orders warnings by position, keeping the order of warnings on
// the same line.
func (b *builder) sortWarnings() {
	slices.SortStableFunc(b.result.Warnings, func(x, y input.LoadError) int {
		return cmp.Or(cmp.Compare(x.Line, y.Line), cmp.Compare(x.Column, y.Column))
	})
}
