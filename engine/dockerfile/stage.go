package dockerfile

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/berth-policy/berth/engine/input"
)

// addNode places one instruction. FROM starts a stage, an ARG before the
// first FROM is global, and any other instruction joins the current stage.
func (b *builder) addNode(node *parser.Node) error {
	location := b.lines.span(b.path, node.StartLine, node.EndLine)
	instruction, typed := b.convert(node, location)

	count := len(b.result.Stages)
	switch {
	case instruction.Command == "from":
		b.startStage(instruction, typed)
	case count == 0 && instruction.Command == "arg":
		b.addGlobalArgs(instruction, typed)
	case count == 0:
		return input.LoadError{
			Location: location,
			Message: fmt.Sprintf("the %s instruction comes before the first FROM, where only ARG is allowed; start a build stage with FROM above it",
				strings.ToUpper(instruction.Command)),
		}
	default:
		current := &b.result.Stages[count-1]
		current.Instructions = append(current.Instructions, instruction)
	}

	return nil
}

func (b *builder) startStage(from input.Instruction, typed any) {
	index := len(b.result.Stages)
	raw, name, platform := fromParts(from, typed)

	stage := input.Stage{
		Index:        index,
		Name:         name,
		Platform:     platform,
		Base:         b.resolveBase(raw, index, from.Location),
		Location:     from.Location,
		Instructions: []input.Instruction{},
	}

	// A later stage with the same name replaces the earlier one, as in
	// BuildKit.
	if name != "" {
		b.stageNames[name] = index
	}

	b.result.Stages = append(b.result.Stages, stage)
}

// fromParts returns the base, stage name and platform of a FROM, reading the
// raw arguments when BuildKit rejected the instruction.
func fromParts(from input.Instruction, typed any) (raw, name, platform string) {
	if stage, ok := typed.(*instructions.Stage); ok {
		return stage.BaseName, stage.Name, stage.Platform
	}

	if len(from.Args) > 0 {
		raw = from.Args[0]
	}
	if len(from.Args) == 3 && strings.EqualFold(from.Args[1], "as") {
		name = strings.ToLower(from.Args[2])
	}
	for _, flag := range from.Flags {
		if flag.Name == "platform" && flag.Value != nil {
			platform = *flag.Value
		}
	}

	return raw, name, platform
}

// resolveBase expands global ARGs in a FROM reference and decides whether it
// names an earlier stage, scratch or an image.
func (b *builder) resolveBase(raw string, index int, location input.Location) input.BaseImage {
	base := input.BaseImage{Raw: raw, Reference: raw, Stage: -1}

	reference, unresolved, err := b.globals.expand(raw, b.escape)
	if err != nil {
		b.warn(location, fmt.Sprintf("BuildKit cannot expand the base image %q: %s; fix its ${} expressions", raw, err))
	} else {
		base.Reference = reference
		base.Unresolved = unresolved
	}

	if stage, ok := b.earlierStage(base.Reference, index); ok {
		base.Stage = stage
		return base
	}

	if base.Reference == "scratch" {
		base.Scratch = true
		return base
	}

	parts := splitReference(base.Reference)
	base.Image, base.Tag, base.Digest = parts.image, parts.tag, parts.digest

	return base
}

// earlierStage returns the index of the stage before index that reference
// names, by name in any case or by number.
func (b *builder) earlierStage(reference string, index int) (int, bool) {
	if stage, ok := b.stageNames[strings.ToLower(reference)]; ok && stage < index {
		return stage, true
	}

	if !isDigits(reference) {
		return 0, false
	}

	stage, err := strconv.Atoi(reference)
	if err != nil || stage >= index {
		return 0, false
	}

	return stage, true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}

	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}

	return true
}
