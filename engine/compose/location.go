package compose

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"

	"github.com/berth-policy/berth/engine/input"
)

// locate returns the location of node in f. The YAML parser counts columns
// in characters; SARIF counts UTF-16 code units, so the column is converted
// with the line's text.
func (f *sourceFile) locate(node *yaml.Node) input.Location {
	if f == nil || node == nil || node.Line == 0 {
		return input.Location{}
	}

	if node.Line > len(f.lines) {
		return input.Location{File: f.path, Line: node.Line, Column: node.Column}
	}

	text := f.lines[node.Line-1]
	start := contentStart(text, byteOffset(text, node.Column))
	loc := input.Location{
		File:   f.path,
		Line:   node.Line,
		Column: input.UTF16Column(text, start),
	}

	// Only scalars written on one line and aliases get an end, because
	// their width is known from the source text. An alias spans "*" and the
	// anchor name, which is its Value.
	switch node.Kind {
	case yaml.AliasNode:
		loc.EndLine = node.Line
		loc.EndColumn = loc.Column + 1 + utf16Len(node.Value)
	case yaml.ScalarNode:
		if width, ok := scalarWidth(node, text[start:]); ok {
			loc.EndLine = node.Line
			loc.EndColumn = loc.Column + width
		}
	}

	return loc
}

// contentStart skips the anchor and tag that may come before a node's
// content, because the YAML parser places such a node at its first
// property. For example, "&policy unless-stopped" starts at "&". The
// properties stay the location when the content is on a later line.
func contentStart(text string, offset int) int {
	i := offset
	for i < len(text) && (text[i] == '&' || text[i] == '!') {
		for i < len(text) && text[i] != ' ' && text[i] != '\t' {
			i++
		}
		for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
			i++
		}
	}
	if i == offset || i >= len(text) || text[i] == '#' {
		return min(offset, len(text))
	}

	return i
}

// scalarWidth measures a scalar written on one line, in UTF-16 units, from
// source, the text of its line from where the scalar starts. It reports
// false for block scalars, whose node starts at the | or > indicator, and
// for plain or quoted scalars that continue on the next line, because YAML
// folds those into one line of Value.
func scalarWidth(node *yaml.Node, source string) (int, bool) {
	if node.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return 0, false
	}
	if node.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		return quotedWidth(source)
	}

	// A plain scalar on one line is written exactly as its value. A line
	// that does not hold the whole value means the scalar was folded.
	if strings.Contains(node.Value, "\n") || !strings.HasPrefix(source, node.Value) {
		return 0, false
	}

	return utf16Len(node.Value), true
}

// locateEntry locates a mapping entry at its key, spanning to its value
// when the value is a scalar on the same line.
func (f *sourceFile) locateEntry(e entry) input.Location {
	loc := f.locate(e.key)
	if e.value != nil && e.value.Kind == yaml.ScalarNode && e.value.Line == e.key.Line {
		if end := f.locate(e.value); end.EndLine > 0 {
			loc.EndLine, loc.EndColumn = end.EndLine, end.EndColumn
		}
	}

	return loc
}

// quotedWidth measures a quoted scalar in source, which starts with its
// opening quote, up to its closing quote, because escapes make it wider
// than its value. It reports false when the closing quote is on a later
// line.
func quotedWidth(source string) (int, bool) {
	if source == "" {
		return 0, false
	}

	quote := source[0]
	for i := 1; i < len(source); i++ {
		switch {
		case quote == '"' && source[i] == '\\':
			i++
		case quote == '\'' && source[i] == '\'' && i+1 < len(source) && source[i+1] == '\'':
			i++
		case source[i] == quote:
			return utf16Len(source[:i+1]), true
		}
	}

	return 0, false
}

// byteOffset converts a 1-based character column to a byte offset in text.
func byteOffset(text string, column int) int {
	offset := 0
	for chars := 1; chars < column && offset < len(text); chars++ {
		_, size := utf8.DecodeRuneInString(text[offset:])
		offset += size
	}

	return offset
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += runeUnits(r)
	}

	return n
}

func runeUnits(r rune) int {
	if n := utf16.RuneLen(r); n > 0 {
		return n
	}

	return 1
}
