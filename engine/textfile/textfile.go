// Package textfile reads the files berth loads and rejects those that are
// not text it can parse: too large, binary, not UTF-8 or empty.
package textfile

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"unicode/utf8"

	"github.com/berth-policy/berth/engine/input"
)

// DefaultMaxSize is the largest file read unless a flag raises it. Real
// Compose files and Dockerfiles are a few kilobytes; anything near this
// size is generated data, not configuration.
const DefaultMaxSize = 10 << 20

// Read returns the content of the file at abs. path is the name used in
// errors, relative to the root of the run. A file that cannot be used
// returns a LoadError with the reason and the fix.
func Read(abs, path string, maxSize int64) ([]byte, error) {
	info, err := os.Stat(abs)
	if err != nil {
		return nil, readError(path, err)
	}

	// The size limit concerns the whole file, so the error points at its
	// start, where editors and SARIF viewers can show it.
	if info.Size() > maxSize {
		return nil, loadError(path, 1, 1, "the file is %d bytes, over the %d-byte limit; raise --max-file-size to load it", info.Size(), maxSize)
	}

	content, err := os.ReadFile(abs)
	if err != nil {
		return nil, readError(path, err)
	}

	if i := bytes.IndexByte(content, 0); i >= 0 {
		line, column := position(content, i)
		return nil, loadError(path, line, column, "the file is binary (it contains NUL bytes); only text files can be loaded")
	}

	if i := invalidOffset(content); i >= 0 {
		line, column := position(content, i)
		return nil, loadError(path, line, column, "the file is not valid UTF-8; save it as UTF-8")
	}

	return content, nil
}

// readError describes a file that cannot be read. The operating system's
// message names the absolute path, so only its reason is kept.
func readError(path string, err error) input.LoadError {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		err = pathErr.Err
	}

	return loadError(path, 0, 0, "cannot read the file: %v", err)
}

// IsBlankYAML reports whether a YAML file holds no document content: it is
// empty, or has only comments, blank lines and document markers.
func IsBlankYAML(content []byte) bool {
	content = bytes.TrimPrefix(content, []byte("\uFEFF"))
	for _, line := range bytes.Split(content, []byte("\n")) {
		if !isBlankLine(line) {
			return false
		}
	}

	return true
}

// isBlankLine reports whether a line contains at most a document marker and
// a comment. A marker counts only when a space, a tab or the end of the
// line follows it, because "---x" is a plain scalar.
func isBlankLine(line []byte) bool {
	line = bytes.TrimSpace(line)
	for _, marker := range []string{"---", "..."} {
		rest, ok := bytes.CutPrefix(line, []byte(marker))
		if ok && (len(rest) == 0 || rest[0] == ' ' || rest[0] == '\t') {
			line = bytes.TrimSpace(rest)
		}
	}

	return len(line) == 0 || line[0] == '#'
}

// invalidOffset returns the byte offset of the first byte that is not
// part of valid UTF-8, or -1.
func invalidOffset(content []byte) int {
	for i := 0; i < len(content); {
		r, size := utf8.DecodeRune(content[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}

	return -1
}

// position converts a byte offset in content to a 1-based line and a
// 1-based column in UTF-16 code units, counting the valid text before the
// offset on its line.
func position(content []byte, offset int) (int, int) {
	line := bytes.Count(content[:offset], []byte("\n")) + 1
	start := bytes.LastIndexByte(content[:offset], '\n') + 1
	text := string(content[start:offset])

	return line, input.UTF16Column(text, len(text))
}

// loadError builds the error for the file at path; line and column are
// zero when the problem has no position in the file.
func loadError(path string, line, column int, format string, args ...any) input.LoadError {
	return input.LoadError{
		Location: input.Location{File: path, Line: line, Column: column},
		Message:  fmt.Sprintf(format, args...),
	}
}
