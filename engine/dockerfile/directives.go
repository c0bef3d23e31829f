package dockerfile

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/berth-policy/berth/engine/input"
)

const (
	directiveSyntax = "syntax"
	directiveEscape = "escape"
	directiveCheck  = "check"
)

// readDirectives returns the parser directives the way BuildKit reads them.
// BuildKit reads each directive in its own pass: escape during parsing,
// where leading white space is skipped, and syntax and check from the raw
// text, where a leading shebang line is skipped. So a directive can count
// for one and not for another, and this function follows each pass.
func readDirectives(path string, lines sourceLines, content []byte) (map[string]input.Directive, error) {
	directives := map[string]input.Directive{}

	escape, err := readEscapeDirective(path, lines)
	if err != nil {
		return nil, err
	}
	if escape != nil {
		directives[directiveEscape] = *escape
	}

	if _, value, ranges, ok := parser.DetectSyntax(content); ok {
		directives[directiveSyntax] = directiveAt(path, lines, value, ranges)
	}

	if _, value, ranges, ok := parser.ParseDirective(directiveCheck, content); ok {
		directives[directiveCheck] = directiveAt(path, lines, value, ranges)
	}

	return directives, nil
}

// readEscapeDirective reads the directive block as BuildKit's parser does,
// which also rejects a directive that is repeated.
func readEscapeDirective(path string, lines sourceLines) (*input.Directive, error) {
	var escape *input.Directive
	var directiveParser parser.DirectiveParser

	for i, line := range lines {
		lineNumber := i + 1
		trimmed := strings.TrimLeftFunc(line, unicode.IsSpace)

		directive, err := directiveParser.ParseLine([]byte(trimmed))
		if err != nil {
			return nil, input.LoadError{
				Location: lines.span(path, lineNumber, lineNumber),
				Message:  fmt.Sprintf("%s; delete the repeated directive", err),
			}
		}
		if directive == nil {
			break
		}
		if directive.Name != directiveEscape {
			continue
		}

		if directive.Value != "`" && directive.Value != `\` {
			return nil, input.LoadError{
				Location: lines.span(path, lineNumber, lineNumber),
				Message:  fmt.Sprintf("the escape directive is %q, but it must be ` or \\", directive.Value),
			}
		}

		escape = &input.Directive{
			Value:    directive.Value,
			Location: lines.span(path, lineNumber, lineNumber),
		}
	}

	return escape, nil
}

// directiveAt places a directive found by BuildKit on its line. BuildKit
// reports line 0 for a JSON document, which has no directive line, so the
// location falls back to line 1.
func directiveAt(path string, lines sourceLines, value string, ranges []parser.Range) input.Directive {
	line := 1
	if len(ranges) > 0 && ranges[0].Start.Line > 0 {
		line = ranges[0].Start.Line
	}

	return input.Directive{
		Value:    value,
		Location: lines.span(path, line, line),
	}
}
