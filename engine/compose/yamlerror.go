package compose

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/berth-policy/berth/engine/input"
)

// A decoder error of go.yaml.in/yaml/v4 reads "yaml: [CONTEXT at MARK: ]
// [MARK: ]PROBLEM", where CONTEXT names what was being read, MARK is
// "line L[, column C]" or "<unknown position>", and the second mark is
// left out when it equals the first.
var (
	yamlContext = regexp.MustCompile(`^(while [^:]*?) at (line \d+(?:, column \d+)?|<unknown position>): `)
	yamlMark    = regexp.MustCompile(`^(line \d+(?:, column \d+)?|<unknown position>): `)
	yamlOffset  = regexp.MustCompile(`^offset (\d+): `)
	markNumbers = regexp.MustCompile(`^line (\d+)(?:, column (\d+))?$`)
)

// mark is a 1-based position in a file; known is false for an unknown
// position.
type mark struct {
	line, column int
	known        bool
}

// yamlProblem is a decoder error split into its parts.
type yamlProblem struct {
	context     string
	contextMark mark
	mark        mark
	message     string
}

// syntaxError turns a YAML decoder error for the file at path into a load
// error. It points at the problem, or at the start of the construct being
// read when the problem is the end of the file. So an unclosed quote or
// bracket is reported where it opens.
func syntaxError(path string, lines []string, err error) input.LoadError {
	p := parseYAMLError(err, lines)

	at := p.mark
	if p.context != "" && p.contextMark.known && (!at.known || at.line > lastContentLine(lines)) {
		at = p.contextMark
	}

	message := p.message
	if p.context != "" {
		message += " " + p.context
		if p.contextMark.known && p.contextMark != at {
			message += fmt.Sprintf(" that starts at line %d, column %d", p.contextMark.line, p.contextMark.column)
		}
	}

	loc := input.Location{File: path}
	if at.known {
		loc.Line, loc.Column = at.line, columnInUnits(lines, at)
	}

	return input.LoadError{Location: loc, Message: "invalid YAML: " + message}
}

// parseYAMLError reads the parts of a decoder error and corrects its
// positions, which go.yaml.in/yaml/v4 v4.0.0-rc.4 prints inconsistently.
// Parser errors count lines from 0 and scanner errors from 1, and the
// unknown-anchor error counts columns from 2. The error types are internal
// to that module, so their printed type names tell them apart.
func parseYAMLError(err error, lines []string) yamlProblem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	p := yamlProblem{}

	if m := yamlOffset.FindStringSubmatch(msg); m != nil {
		offset, _ := strconv.Atoi(m[1])
		p.mark = offsetMark(lines, offset)
		p.message = msg[len(m[0]):]
		return p
	}

	if m := yamlContext.FindStringSubmatch(msg); m != nil {
		p.context = m[1]
		p.contextMark = parseMark(m[2])
		p.mark = p.contextMark
		msg = msg[len(m[0]):]
	}
	if m := yamlMark.FindStringSubmatch(msg); m != nil {
		p.mark = parseMark(m[1])
		msg = msg[len(m[0]):]
	}
	p.message = strings.TrimSpace(strings.TrimPrefix(msg, "construct errors:"))

	switch fmt.Sprintf("%T", err) {
	case "libyaml.ParserError":
		// Lines count from 0, so line 0 prints as an unknown position.
		p.contextMark = fromZeroBased(p.contextMark, p.context != "")
		p.mark = fromZeroBased(p.mark, true)
	case "*libyaml.ParserError":
		if p.mark.known && p.mark.column > 1 {
			p.mark.column--
		}
	}

	return p
}

// parseMark reads "line L[, column C]"; a left-out column is column 1.
func parseMark(s string) mark {
	m := markNumbers.FindStringSubmatch(s)
	if m == nil {
		return mark{}
	}

	line, _ := strconv.Atoi(m[1])
	column := 1
	if m[2] != "" {
		column, _ = strconv.Atoi(m[2])
	}

	return mark{line: line, column: column, known: true}
}

// fromZeroBased moves a mark printed with a 0-based line to 1-based. The
// parser prints line 0 as an unknown position, which becomes line 1 when
// present is true, meaning that the error carries such a mark.
func fromZeroBased(m mark, present bool) mark {
	if !m.known {
		if present {
			return mark{line: 1, column: 1, known: true}
		}
		return m
	}
	m.line++

	return m
}

// offsetMark converts a byte offset in the file to a mark.
func offsetMark(lines []string, offset int) mark {
	for i, line := range lines {
		if offset <= len(line) {
			return mark{line: i + 1, column: len([]rune(line[:offset])) + 1, known: true}
		}
		offset -= len(line) + 1
	}

	return mark{}
}

// lastContentLine returns the 1-based number of the last line that is not
// blank.
func lastContentLine(lines []string) int {
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.TrimSpace(lines[i]) != "" {
			return i + 1
		}
	}

	return 0
}

// columnInUnits converts a mark's character column to UTF-16 units.
func columnInUnits(lines []string, m mark) int {
	if m.line < 1 || m.line > len(lines) {
		return m.column
	}

	text := lines[m.line-1]

	return input.UTF16Column(text, byteOffset(text, m.column))
}
