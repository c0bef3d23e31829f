package dockerfile

import (
	"bufio"
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/berth-policy/berth/engine/input"
)

var (
	utf8BOM    = []byte{0xEF, 0xBB, 0xBF}
	utf16LEBOM = []byte{0xFF, 0xFE}
	utf16BEBOM = []byte{0xFE, 0xFF}
)

// maxLineBytes is the longest line BuildKit's parser reads, because it scans
// lines with bufio.Scanner, whose token limit includes the newline.
const maxLineBytes = bufio.MaxScanTokenSize - 1

// checkContent rejects content that cannot be a Dockerfile and returns it
// without its UTF-8 byte order mark, so that columns on line 1 are not
// shifted by it.
func checkContent(path string, content []byte) ([]byte, error) {
	if bytes.HasPrefix(content, utf16LEBOM) || bytes.HasPrefix(content, utf16BEBOM) {
		return nil, input.LoadError{
			Location: input.Location{File: path, Line: 1, Column: 1},
			Message:  "the file is encoded as UTF-16; save it as UTF-8, the only encoding BuildKit reads",
		}
	}

	content = bytes.TrimPrefix(content, utf8BOM)

	if i := bytes.IndexByte(content, 0); i >= 0 {
		return nil, input.LoadError{
			Location: offsetLocation(path, content, i),
			Message:  "the file is binary (contains NUL bytes); check that the path names a Dockerfile",
		}
	}

	if i := invalidUTF8Offset(content); i >= 0 {
		return nil, input.LoadError{
			Location: offsetLocation(path, content, i),
			Message:  fmt.Sprintf("the file is not valid UTF-8 (byte 0x%02X); save it as UTF-8", content[i]),
		}
	}

	if err := checkLineLengths(path, content); err != nil {
		return nil, err
	}

	return content, nil
}

// invalidUTF8Offset returns the byte offset of the first invalid UTF-8
// sequence, or -1 when content is valid.
func invalidUTF8Offset(content []byte) int {
	for i := 0; i < len(content); {
		r, size := utf8.DecodeRune(content[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}

	return -1
}

func checkLineLengths(path string, content []byte) error {
	lineNumber := 1
	for rest := content; len(rest) > 0; lineNumber++ {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		if len(line) > maxLineBytes {
			return input.LoadError{
				Location: input.Location{File: path, Line: lineNumber, Column: 1},
				Message: fmt.Sprintf("line %d is %d bytes long, but BuildKit reads at most %d bytes per line; split it with line continuations",
					lineNumber, len(line), maxLineBytes),
			}
		}

		rest = after
	}

	return nil
}

// offsetLocation returns the position of a byte offset in content. The text
// before the offset must be valid UTF-8.
func offsetLocation(path string, content []byte, offset int) input.Location {
	before := content[:offset]
	lineStart := bytes.LastIndexByte(before, '\n') + 1

	return input.Location{
		File:   path,
		Line:   bytes.Count(before, []byte("\n")) + 1,
		Column: input.UTF16Column(string(content[lineStart:]), offset-lineStart),
	}
}
