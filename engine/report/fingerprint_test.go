package report

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The expected hashes come from the closed form of the rolling hash. The
// input is the file's UTF-16 code units with spaces and tabs removed and
// line breaks as \n, followed by 0xFFFF and zeros. The hash of a line is
// the sum of unit*37^(99-i) over the 100 units that start at the line's
// first unit, modulo 2^64. The values were evaluated with
// arbitrary-precision integers, independently of lineHashes.
func TestLineHashes(t *testing.T) {
	composeHashes := []string{"5e2d66b59bc856f8:1", "47b8de4c0753f5dc:1", "9451bc602ae69b6:1", "c129715d7a2bc9a3:1"}

	tests := []struct {
		name    string
		content string
		want    []string
	}{
		{
			// 0xFFFF * 37^99 mod 2^64, the value codeql-action's own tests
			// expect for an empty file.
			name:    "empty file",
			content: "",
			want:    []string{"c129715d7a2bc9a3:1"},
		},
		{
			name:    "upstream vector with leading blanks",
			content: " a\nb\n  \t\tc\n d",
			want:    []string{"271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"},
		},
		{
			name:    "line feeds",
			content: "services:\n  web:\n    image: nginx\n",
			want:    composeHashes,
		},
		{
			name:    "carriage return line feeds",
			content: "services:\r\n  web:\r\n    image: nginx\r\n",
			want:    composeHashes,
		},
		{
			name:    "lone carriage returns",
			content: "services:\r  web:\r    image: nginx\r",
			want:    composeHashes,
		},
		{
			name:    "spaces and tabs ignored",
			content: "services:\n web:\n\timage:   nginx\n",
			want:    composeHashes,
		},
		{
			name:    "repeated windows counted",
			content: strings.Repeat("RUN true\n", 20),
			want: []string{
				"e190c6a3a883fed5:1", "e190c6a3a883fed5:2", "e190c6a3a883fed5:3", "e190c6a3a883fed5:4",
				"e190c6a3a883fed5:5", "e190c6a3a883fed5:6", "e190c6a3a883fed5:7", "e190c6a3a883fed5:8",
				"e190c6a46e1f05e7:1", "25f2123537ed4b7c:1", "900b753d677fed71:1", "f8ac5b7023c67fc6:1",
				"30781c5c9ba167b:1", "2cc203b25fad4590:1", "6a01284c8e9c2105:1", "759d546617c3cda:1",
				"117449310a8cad0f:1", "6fc34f1ceea605a4:1", "80be33f368a5a99:1", "93719ade26353fee:1",
				"c129715d7a2bc9a3:1",
			},
		},
		{
			name:    "astral character as surrogate pair",
			content: "image: 🐳\nx",
			want:    []string{"c61600dac388f71a:1", "638816509450efbf:1"},
		},
		{
			name:    "truncated sequence as one replacement",
			content: "a\xe2\x82b\n",
			want:    []string{"9f7bd17d959811b9:1", "c129715d7a2bc9a3:1"},
		},
		{
			name:    "replacement character",
			content: "a\uFFFDb\n",
			want:    []string{"9f7bd17d959811b9:1", "c129715d7a2bc9a3:1"},
		},
		{
			name:    "byte order mark kept",
			content: "\uFEFFa",
			want:    []string{"32afc9aa38d90537:1"},
		},
		{
			name:    "line longer than window",
			content: strings.Repeat("x", 150) + "\ny",
			want:    []string{"52b56201ffb58620:1", "ed3261245082261c:1"},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, lineHashes([]byte(tt.content)))
		})
	}
}

func TestInvalidSequenceLength(t *testing.T) {
	tests := []struct {
		name  string
		bytes string
		want  int
	}{
		{name: "lone continuation byte", bytes: "\x80a", want: 1},
		{name: "overlong lead byte", bytes: "\xc0\x80", want: 1},
		{name: "truncated two-byte sequence", bytes: "\xc3a", want: 1},
		{name: "truncated three-byte sequence", bytes: "\xe2\x82a", want: 2},
		{name: "three-byte sequence at end", bytes: "\xe2\x82", want: 2},
		{name: "surrogate half", bytes: "\xed\xa0\x80", want: 1},
		{name: "truncated four-byte sequence", bytes: "\xf0\x9f\x90a", want: 3},
		{name: "code point above U+10FFFF", bytes: "\xf4\x90\x80\x80", want: 1},
		{name: "invalid lead byte", bytes: "\xffa", want: 1},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, invalidSequenceLength([]byte(tt.bytes)))
		})
	}
}
