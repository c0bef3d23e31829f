// Package dockerfile loads Dockerfiles into berth's input document. It uses
// BuildKit's own parser, so instructions, directives, quoting and ARG
// expansion match what docker build does, and it adds the source location
// of every instruction.
package dockerfile

import (
	"bytes"

	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/berth-policy/berth/engine/input"
)

// Parse parses one Dockerfile. path is the slash-separated path relative to
// the root of the run; it goes into every Location.
//
// When the file cannot be loaded at all, the error is an input.LoadError
// that names the line and what to fix. Instructions that BuildKit rejects
// one by one, such as a RUN with an unknown flag, do not fail the file: they
// are kept as written and reported in Dockerfile.Warnings.
func Parse(path string, content []byte) (input.Dockerfile, error) {
	content, err := checkContent(path, content)
	if err != nil {
		return input.Dockerfile{}, err
	}

	lines := splitLines(content)

	directives, err := readDirectives(path, lines, content)
	if err != nil {
		return input.Dockerfile{}, err
	}

	parsed, err := parser.Parse(bytes.NewReader(content))
	if err != nil {
		return input.Dockerfile{}, parseFailure(path, lines, err)
	}

	b := newBuilder(path, lines, parsed.EscapeToken)
	b.result.Directives = directives

	for _, node := range parsed.AST.Children {
		if err := b.addNode(node); err != nil {
			return input.Dockerfile{}, err
		}
	}

	count := len(b.result.Stages)
	if count == 0 {
		return input.Dockerfile{}, input.LoadError{
			Location: input.Location{File: path, Line: 1, Column: 1},
			Message:  "the Dockerfile has no FROM instruction, so it has no build stage; add a FROM instruction",
		}
	}
	b.result.Stages[count-1].Final = true

	b.addParserWarnings(parsed.Warnings, parsed.AST.Children)
	b.sortWarnings()

	return b.result, nil
}

// builder collects the parts of one Dockerfile while its nodes are read in
// order.
type builder struct {
	path   string
	lines  sourceLines
	escape rune

	// lint is a linter with no output. BuildKit's instructions package
	// needs a non-nil one for files whose comments contain a check
	// directive.
	lint *linter.Linter

	globals    *globalArgs
	stageNames map[string]int
	result     input.Dockerfile
}

func newBuilder(path string, lines sourceLines, escape rune) *builder {
	return &builder{
		path:       path,
		lines:      lines,
		escape:     escape,
		lint:       linter.New(&linter.Config{}),
		globals:    newGlobalArgs(),
		stageNames: map[string]int{},
		result: input.Dockerfile{
			Path:             path,
			Args:             []input.Arg{},
			Stages:           []input.Stage{},
			RequirementFiles: []input.FileRef{},
			Warnings:         []input.LoadError{},
		},
	}
}
