package backlog

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/assert"

	"github.com/berth-policy/berth/engine/input"
)

func TestSourcePosition(t *testing.T) {
	content := "ab\r\né😀x\n漢字y\n"

	tests := []struct {
		name       string
		offset     int
		wantLine   int
		wantColumn int
	}{
		{name: "start of file", offset: 0, wantLine: 1, wantColumn: 1},
		{name: "carriage return", offset: 2, wantLine: 1, wantColumn: 3},
		{name: "start of second line", offset: 4, wantLine: 2, wantColumn: 1},
		{name: "after two-byte rune", offset: 6, wantLine: 2, wantColumn: 2},
		{name: "after surrogate pair", offset: 10, wantLine: 2, wantColumn: 4},
		{name: "after three-byte runes", offset: 18, wantLine: 3, wantColumn: 3},
		{name: "end of file", offset: len(content), wantLine: 4, wantColumn: 1},
		{name: "past end of file", offset: len(content) + 5, wantLine: 4, wantColumn: 1},
		{name: "negative offset", offset: -3, wantLine: 1, wantColumn: 1},
	}

	src := newSource("berth.hcl", []byte(content))
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			line, column := src.position(test.offset)
			assert.Equal(t, test.wantLine, line)
			assert.Equal(t, test.wantColumn, column)
		})
	}
}

func TestSourceLocationHasEnd(t *testing.T) {
	src := newSource("berth.hcl", []byte("x = \"é😀\"\n"))
	location := src.location(hcl.Range{Start: hcl.Pos{Byte: 4}, End: hcl.Pos{Byte: 12}})

	assert.Equal(t, input.Location{File: "berth.hcl", Line: 1, Column: 5, EndLine: 1, EndColumn: 10}, location)
}

func TestLoadErrorEnd(t *testing.T) {
	_, errors := Load("berth.hcl", []byte("item \"C-6\" {\n  status = \"fermé\"\n}\n"), testRules())

	assert.Equal(t, []input.LoadError{{
		Location: input.Location{File: "berth.hcl", Line: 2, Column: 3, EndLine: 2, EndColumn: 19},
		Message:  `invalid status "fermé"; expected open, done or wontfix`,
	}}, errors)
}
