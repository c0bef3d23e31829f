package input

import "unicode/utf16"

// Location is the source range of a value in a loaded file. Lines and
// columns are 1-based; columns count UTF-16 code units, as SARIF viewers and
// editors do. EndLine and EndColumn are zero when the end is unknown, and
// EndColumn points one past the last character.
type Location struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line,omitempty"`
	EndColumn int    `json:"end_column,omitempty"`
}

// IsZero reports whether the location names no file.
func (l Location) IsZero() bool {
	return l.File == ""
}

// UTF16Column converts a 0-based byte offset within line to a 1-based column
// in UTF-16 code units. Offsets past the end of line are clamped.
func UTF16Column(line string, byteOffset int) int {
	if byteOffset > len(line) {
		byteOffset = len(line)
	}

	units := 0
	for _, r := range line[:byteOffset] {
		units += utf16.RuneLen(r)
	}

	return units + 1
}
