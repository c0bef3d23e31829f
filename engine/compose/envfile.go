package compose

import (
	"os"
	"strings"

	"github.com/berth-policy/berth/engine/input"
)

// envFileEntry finds the line of name in the service's env files, the
// last file first because later files win.
func (c converter) envFileEntry(name string) (string, input.Location, bool) {
	files := c.service.EnvFiles
	for i := len(files) - 1; i >= 0; i-- {
		content, err := os.ReadFile(files[i].Path)
		if err != nil {
			continue
		}

		path := relativePath(c.root, files[i].Path)
		if loc, ok := envAssignment(path, splitLines(content), name); ok {
			return path, loc, true
		}
	}

	return "", input.Location{}, false
}

// envAssignment locates the statement that sets name in the lines of an
// env file, from its first non-blank character to the end of its line. It
// reads statements as compose-go's dotenv parser does. "export " may lead,
// the name ends at "=", ":" or the end of the line, a quoted value may
// span lines, and the last statement for a name wins.
func envAssignment(path string, lines []string, name string) (input.Location, bool) {
	var loc input.Location
	found := false
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		statement := strings.TrimLeft(line, " \t")
		if statement == "" || statement[0] == '#' {
			continue
		}

		key, value := splitEnvStatement(statement)
		if key == name {
			start := len(line) - len(statement)
			loc = input.Location{
				File:      path,
				Line:      i + 1,
				Column:    input.UTF16Column(line, start),
				EndLine:   i + 1,
				EndColumn: input.UTF16Column(line, len(line)),
			}
			found = true
		}

		i = valueEnd(lines, i, value)
	}

	return loc, found
}

// splitEnvStatement returns a statement's variable name and the text of
// its value.
func splitEnvStatement(statement string) (string, string) {
	if rest, ok := strings.CutPrefix(statement, "export"); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
		statement = strings.TrimLeft(rest, " \t")
	}

	end := strings.IndexAny(statement, "=:")
	if end < 0 {
		return strings.TrimSpace(statement), ""
	}

	return strings.TrimSpace(statement[:end]), strings.TrimLeft(statement[end+1:], " \t")
}

// valueEnd returns the index of the line where a value that starts on
// lines[i] ends. Only a quoted value whose closing quote is missing from
// its first line continues on the lines below.
func valueEnd(lines []string, i int, value string) int {
	if value == "" || (value[0] != '"' && value[0] != '\'') {
		return i
	}

	quote := value[0]
	rest := value[1:]
	for {
		if closingQuote(rest, quote) >= 0 {
			return i
		}
		if i+1 >= len(lines) {
			return i
		}
		i++
		rest = lines[i]
	}
}

// closingQuote returns the index of the quote that closes a value in s,
// skipping quotes escaped with a backslash, or -1.
func closingQuote(s string, quote byte) int {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\':
			i++
		case s[i] == quote:
			return i
		}
	}

	return -1
}
