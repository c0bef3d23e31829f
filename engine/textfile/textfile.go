// Package textfile reads the files berth loads and rejects those that are
// not text it can parse: too large, binary, not UTF-8 or empty.
package textfile

import (
	"bytes"
	"fmt"
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
		return nil, loadError(path, 0, "cannot read the file: %v", err)
	}
	if info.Size() > maxSize {
		return nil, loadError(path, 0, "the file is %d bytes, over the %d-byte limit; raise --max-file-size to load it", info.Size(), maxSize)
	}

	content, err := os.ReadFile(abs)
	if err != nil {
		return nil, loadError(path, 0, "cannot read the file: %v", err)
	}

	if i := bytes.IndexByte(content, 0); i >= 0 {
		line := bytes.Count(content[:i], []byte("\n")) + 1
		return nil, loadError(path, line, "the file is binary (it contains NUL bytes); only text files can be loaded")
	}

	if !utf8.Valid(content) {
		line := invalidLine(content)
		return nil, loadError(path, line, "the file is not valid UTF-8; save it as UTF-8")
	}

	return content, nil
}

// IsBlankYAML reports whether a YAML file holds no document content: it is
// empty, or has only comments, blank lines and document markers.
func IsBlankYAML(content []byte) bool {
	content = bytes.TrimPrefix(content, []byte("\uFEFF"))
	for _, line := range bytes.Split(content, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' || bytes.Equal(line, []byte("---")) || bytes.Equal(line, []byte("...")) {
			continue
		}
		return false
	}

	return true
}

func invalidLine(content []byte) int {
	line := 1
	for len(content) > 0 {
		r, size := utf8.DecodeRune(content)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		content = content[size:]
	}

	return line
}

func loadError(path string, line int, format string, args ...any) input.LoadError {
	loc := input.Location{File: path}
	if line > 0 {
		loc.Line, loc.Column = line, 1
	}

	return input.LoadError{Location: loc, Message: fmt.Sprintf(format, args...)}
}
