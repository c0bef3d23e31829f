package backlog

import (
	"sort"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-policy/berth/engine/input"
)

// source converts HCL ranges of one file to locations. HCL counts columns in
// grapheme clusters, so columns are recomputed from byte offsets as UTF-16
// code units, which is what input.Location promises.
type source struct {
	path    string
	content []byte

	// lineStarts holds the byte offset at which each line begins.
	lineStarts []int
}

func newSource(path string, content []byte) *source {
	starts := []int{0}
	for i, b := range content {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}

	return &source{path: path, content: content, lineStarts: starts}
}

// location returns the location of r, with its end.
func (s *source) location(r hcl.Range) input.Location {
	line, column := s.position(r.Start.Byte)
	endLine, endColumn := s.position(r.End.Byte)

	return input.Location{
		File:      s.path,
		Line:      line,
		Column:    column,
		EndLine:   endLine,
		EndColumn: endColumn,
	}
}

// position returns the 1-based line and UTF-16 column of a byte offset.
// Offsets outside the content are clamped, since diagnostics at the end of
// the file may point one past it.
func (s *source) position(offset int) (int, int) {
	offset = max(0, min(offset, len(s.content)))

	// The line is the last one that starts at or before offset.
	index := sort.Search(len(s.lineStarts), func(i int) bool {
		return s.lineStarts[i] > offset
	}) - 1

	start := s.lineStarts[index]
	end := len(s.content)
	if index+1 < len(s.lineStarts) {
		end = s.lineStarts[index+1]
	}

	column := input.UTF16Column(string(s.content[start:end]), offset-start)

	return index + 1, column
}

// text returns the source text that r covers.
func (s *source) text(r hcl.Range) string {
	start := max(0, min(r.Start.Byte, len(s.content)))
	end := max(start, min(r.End.Byte, len(s.content)))

	return string(s.content[start:end])
}
