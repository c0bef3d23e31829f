package requirements

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/berth-policy/berth/engine/input"
)

// commentPattern matches a pip comment, which starts with a # at the start
// of the line or after white space. A # inside a word, as in a URL's #egg=
// fragment, starts no comment.
var commentPattern = regexp.MustCompile(`(^|\s+)#.*$`)

// logicalLine is one line after pip joins continuations and removes the
// comment.
type logicalLine struct {
	text string

	// first and last are the physical lines where the text starts and
	// ends; firstText and lastText are their contents.
	first, last         int
	firstText, lastText string
}

func (l logicalLine) location(path string) input.Location {
	return input.Location{
		File:      path,
		Line:      l.first,
		Column:    input.UTF16Column(l.firstText, firstNonBlank(l.firstText)),
		EndLine:   l.last,
		EndColumn: input.UTF16Column(l.lastText, len(l.lastText)),
	}
}

// logicalLines joins the lines of a requirements file as pip does: a line
// that ends with a backslash continues on the next one, unless it is a
// comment, and a comment line ends a continuation.
func logicalLines(content []byte) []logicalLine {
	text := strings.TrimPrefix(string(content), "\ufeff")
	physical := strings.Split(text, "\n")

	var lines []logicalLine
	var current *logicalLine
	var joined strings.Builder

	finish := func() {
		if current == nil {
			return
		}

		current.text = strings.TrimSpace(commentPattern.ReplaceAllString(joined.String(), ""))
		if current.text != "" {
			lines = append(lines, *current)
		}

		current = nil
		joined.Reset()
	}

	for i, line := range physical {
		line = strings.TrimSuffix(line, "\r")
		number := i + 1

		if isCommentLine(line) {
			finish()
			continue
		}

		if current == nil {
			current = &logicalLine{first: number, firstText: line, last: number, lastText: line}
		}
		if strings.TrimSpace(line) != "" {
			current.last, current.lastText = number, line
		}

		if strings.HasSuffix(line, `\`) {
			joined.WriteString(strings.Trim(line, `\`))
			continue
		}

		joined.WriteString(line)
		finish()
	}

	finish()

	return lines
}

func isCommentLine(line string) bool {
	return strings.HasPrefix(strings.TrimLeftFunc(line, unicode.IsSpace), "#")
}

// firstNonBlank returns the byte offset of the first character that is not
// white space, or 0 for a blank line.
func firstNonBlank(line string) int {
	i := strings.IndexFunc(line, func(r rune) bool { return !unicode.IsSpace(r) })
	if i < 0 {
		return 0
	}

	return i
}
