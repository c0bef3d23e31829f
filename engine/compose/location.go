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

	loc := input.Location{
		File:   f.path,
		Line:   node.Line,
		Column: f.utf16Column(node.Line, node.Column),
	}

	// Only single-line scalars get an end: their width is known from the
	// source text.
	if node.Kind == yaml.ScalarNode && !strings.Contains(node.Value, "\n") {
		width := utf16Len(node.Value)
		if node.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			width = f.quotedWidth(node)
		}
		loc.EndLine = node.Line
		loc.EndColumn = loc.Column + width
	}

	return loc
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

// utf16Column converts a 1-based character column on line to UTF-16 units.
func (f *sourceFile) utf16Column(line, column int) int {
	if line < 1 || line > len(f.lines) {
		return column
	}

	text := f.lines[line-1]
	units, chars := 0, 1
	for _, r := range text {
		if chars >= column {
			break
		}
		units += runeUnits(r)
		chars++
	}

	return units + 1 + (column - chars)
}

// quotedWidth measures a quoted scalar from its opening quote to its closing
// quote in the source, because escapes make it wider than its value.
func (f *sourceFile) quotedWidth(node *yaml.Node) int {
	if node.Line < 1 || node.Line > len(f.lines) {
		return utf16Len(node.Value) + 2
	}

	text := f.lines[node.Line-1]
	start := byteOffset(text, node.Column)
	if start >= len(text) {
		return utf16Len(node.Value) + 2
	}

	quote := text[start]
	for i := start + 1; i < len(text); i++ {
		switch {
		case quote == '"' && text[i] == '\\':
			i++
		case quote == '\'' && text[i] == '\'' && i+1 < len(text) && text[i+1] == '\'':
			i++
		case text[i] == quote:
			return utf16Len(text[start : i+1])
		}
	}

	return utf16Len(text[start:])
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
