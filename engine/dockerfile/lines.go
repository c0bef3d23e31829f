package dockerfile

import (
	"strings"
	"unicode"

	"github.com/berth-policy/berth/engine/input"
)

// sourceLines are the lines of a Dockerfile without their line endings,
// numbered from 1 as BuildKit numbers them. Only "\n" ends a line, as in
// BuildKit's scanner, and a "\r" before it belongs to the line ending.
type sourceLines []string

func splitLines(content []byte) sourceLines {
	lines := strings.Split(string(content), "\n")

	// A final newline ends the last line and starts no other.
	if n := len(lines); n > 1 && lines[n-1] == "" {
		lines = lines[:n-1]
	}

	for i, line := range lines {
		lines[i] = strings.TrimSuffix(line, "\r")
	}

	return lines
}

// text returns line number n, or "" when n is out of range.
func (s sourceLines) text(n int) string {
	if n < 1 || n > len(s) {
		return ""
	}

	return s[n-1]
}

// between returns lines first to last, or an empty list when the range
// is out of bounds.
func (s sourceLines) between(first, last int) []string {
	if first < 1 || last < first || last > len(s) {
		return []string{}
	}

	return append([]string{}, s[first-1:last]...)
}

// span returns the location from the first non-blank character of line
// start to one past the last character of line end.
func (s sourceLines) span(file string, start, end int) input.Location {
	if start < 1 {
		start = 1
	}
	if end < start {
		end = start
	}

	first := s.text(start)
	last := s.text(end)

	return input.Location{
		File:      file,
		Line:      start,
		Column:    input.UTF16Column(first, firstNonBlank(first)),
		EndLine:   end,
		EndColumn: input.UTF16Column(last, len(last)),
	}
}

// firstNonBlank returns the byte offset of the first character that is not
// white space, using the same test as BuildKit's parser, or 0 for a blank
// line.
func firstNonBlank(line string) int {
	i := strings.IndexFunc(line, func(r rune) bool { return !unicode.IsSpace(r) })
	if i < 0 {
		return 0
	}

	return i
}

func isBlank(line string) bool {
	return strings.TrimFunc(line, unicode.IsSpace) == ""
}
