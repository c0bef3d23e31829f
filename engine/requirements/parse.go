// Package requirements parses pip requirements and constraints files into
// berth's input document, following the line format that pip documents:
// backslash continuations, # comments, per-requirement options such as
// --hash, and option lines such as -r, -c and -e.
package requirements

import (
	"github.com/berth-policy/berth/engine/input"
)

// Parse parses a pip requirements or constraints file. path is the
// slash-separated path relative to the root of the run. It goes into every
// Location, and -r and -c paths are resolved against its folder.
//
// The result has one Requirement per logical line, with continuation lines
// joined and comments and blank lines left out. A requirement is pinned when
// its specifier is a single == or === version without a wildcard, or when it
// installs from a URL at a full 40-digit VCS commit. Parse never fails, so a
// line it cannot read keeps its Text and has an empty Name.
func Parse(path string, content []byte) input.Requirements {
	result := input.Requirements{Path: path, Lines: []input.Requirement{}}

	for _, line := range logicalLines(content) {
		requirement := parseLine(line.text, path)
		requirement.Location = line.location(path)

		result.Lines = append(result.Lines, requirement)
	}

	return result
}
