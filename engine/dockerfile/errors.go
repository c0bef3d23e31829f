package dockerfile

import (
	"errors"
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/berth-policy/berth/engine/input"
)

// Messages of BuildKit's parser (v0.34) that berth rewords. BuildKit
// exports no sentinel errors for them, so they are matched by text.
const (
	buildkitNoInstructions     = "file with no instructions"
	buildkitUnterminated       = "unterminated heredoc"
	buildkitJSONNotStrings     = "when using JSON array syntax, arrays must be comprised of strings only"
	buildkitNeedsTwoArguments  = " must have two arguments"
	buildkitMissingEquals      = "Syntax error - can't find = in "
	messageNoInstructions      = "the Dockerfile has no instructions; add a FROM instruction"
	messageInstructionRejected = "BuildKit rejects the Dockerfile: %s; fix the instruction so that docker build can read it"
)

// parseFailure turns an error of BuildKit's parser into a load error at the
// lines the parser names.
func parseFailure(path string, lines sourceLines, err error) input.LoadError {
	message := err.Error()

	if message == buildkitNoInstructions {
		return input.LoadError{
			Location: input.Location{File: path, Line: 1, Column: 1},
			Message:  messageNoInstructions,
		}
	}

	start, end := errorLines(err)

	return input.LoadError{
		Location: lines.span(path, start, end),
		Message:  parseFailureMessage(message),
	}
}

func parseFailureMessage(message string) string {
	switch {
	case message == buildkitUnterminated:
		return "the here-document is not terminated; end it with a line that holds only its delimiter"
	case message == buildkitJSONNotStrings:
		return "the JSON array of this instruction holds a value that is not a string; quote every element"
	case strings.HasSuffix(message, buildkitNeedsTwoArguments):
		command, _, _ := strings.Cut(message, " ")
		return fmt.Sprintf("the %s instruction has a name but no value; write it as %s NAME=value", command, command)
	case strings.HasPrefix(message, buildkitMissingEquals):
		return fmt.Sprintf("%s; write every pair as NAME=value", message)
	}

	return fmt.Sprintf(messageInstructionRejected, message)
}

// errorLines returns the first and last line that a BuildKit error names,
// or line 1 when it names none.
func errorLines(err error) (int, int) {
	var located *parser.LocationError
	if !errors.As(err, &located) {
		return 1, 1
	}

	start, end := 0, 0
	for _, ranges := range located.Locations {
		for _, r := range ranges {
			if start == 0 || (r.Start.Line > 0 && r.Start.Line < start) {
				start = r.Start.Line
			}
			if r.End.Line > end {
				end = r.End.Line
			}
		}
	}

	if start < 1 {
		start = 1
	}

	return start, end
}
