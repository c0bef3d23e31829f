package dockerfile

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/berth-policy/berth/engine/input"
)

// convert turns one node of BuildKit's syntax tree into an instruction. It
// also returns the typed value that BuildKit's instructions package makes of
// the node, or nil when that package rejects it. A rejected node is kept as
// written and gets a warning, so one bad instruction does not hide the rest
// of the file from the rules.
func (b *builder) convert(node *parser.Node, location input.Location) (input.Instruction, any) {
	instruction := input.Instruction{
		Command:  strings.ToLower(node.Value),
		Original: strings.TrimSpace(node.Original),
		Args:     nodeArgs(node),
		Flags:    splitFlags(node.Flags),
		JSON:     node.Attributes["json"],
		Heredocs: heredocs(node.Heredocs),
		Lines:    b.lines.between(location.Line, location.EndLine),
		Location: location,
	}

	typed, err := instructions.ParseInstructionWithLinter(node, b.lint)
	if err != nil {
		markUnknownFlags(node, instruction.Flags, b.lint)
		b.warnRejected(instruction, err)
	} else {
		b.addTypedFields(&instruction, typed)
	}

	if instruction.Command == "onbuild" {
		instruction.OnBuild = b.trigger(node, location)
	}

	return instruction, typed
}

// addTypedFields fills the fields that need BuildKit's reading of the
// instruction: unquoted pairs and the healthcheck test.
func (b *builder) addTypedFields(instruction *input.Instruction, typed any) {
	var err error

	switch command := typed.(type) {
	case *instructions.EnvCommand:
		instruction.Env, err = pairsFromKeyValues(command.Env, b.escape)
	case *instructions.LabelCommand:
		instruction.Env, err = pairsFromKeyValues(command.Labels, b.escape)
	case *instructions.ArgCommand:
		instruction.Env, err = pairsFromArgs(command.Args, b.escape)
	case *instructions.HealthCheckCommand:
		instruction.Healthcheck = healthcheck(command, instruction.Location)
	}

	if err != nil {
		b.warn(instruction.Location, fmt.Sprintf(
			"BuildKit cannot expand this %s instruction: %s; the value is kept as written, fix its quotes or ${} expressions",
			strings.ToUpper(instruction.Command), err))
	}
}

func (b *builder) warnRejected(instruction input.Instruction, err error) {
	keyword := strings.ToUpper(instruction.Command)

	message := fmt.Sprintf("BuildKit rejects this %s instruction: %s; docker build fails here until it is fixed", keyword, err)
	switch names := unknownFlagNames(instruction.Flags); len(names) {
	case 0:
	case 1:
		message = fmt.Sprintf(
			"%s does not accept the flag %s in BuildKit's Dockerfile frontend; remove it, or select a frontend that supports it with the syntax directive",
			keyword, names[0])
	default:
		message = fmt.Sprintf(
			"%s does not accept the flags %s in BuildKit's Dockerfile frontend; remove them, or select a frontend that supports them with the syntax directive",
			keyword, strings.Join(names, ", "))
	}

	b.warn(instruction.Location, message)
}

// trigger converts the instruction that an ONBUILD registers.
func (b *builder) trigger(node *parser.Node, location input.Location) *input.Instruction {
	if node.Next == nil || len(node.Next.Children) == 0 {
		return nil
	}

	// The parser attaches here-documents and lines to the ONBUILD node, not
	// to its trigger.
	child := *node.Next.Children[0]
	child.Heredocs = node.Heredocs
	child.StartLine, child.EndLine = node.StartLine, node.EndLine

	if column, ok := triggerColumn(b.lines.text(node.StartLine), b.escape); ok {
		location.Column = column
	}

	instruction, _ := b.convert(&child, location)

	return &instruction
}

// triggerColumn returns the column of the word after ONBUILD, when that word
// is on the same line.
func triggerColumn(line string, escape rune) (int, bool) {
	keywordStart := firstNonBlank(line)
	keywordLength := strings.IndexFunc(line[keywordStart:], unicode.IsSpace)
	if keywordLength < 0 {
		return 0, false
	}

	rest := line[keywordStart+keywordLength:]
	offset := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsSpace(r) })
	if offset < 0 || strings.HasPrefix(rest[offset:], string(escape)) {
		return 0, false
	}

	return input.UTF16Column(line, keywordStart+keywordLength+offset), true
}

// nodeArgs lists the arguments of a node as BuildKit's instructions package
// does, with the keyword and arguments of a sub-instruction inlined.
func nodeArgs(node *parser.Node) []string {
	args := []string{}
	for next := node.Next; next != nil; next = next.Next {
		switch len(next.Children) {
		case 0:
			args = append(args, next.Value)
		case 1:
			child := next.Children[0]
			args = append(args, child.Value)
			args = append(args, nodeArgs(child)...)
		}
	}

	return args
}

// heredocs converts here-documents, removing leading tabs for <<- as the
// build does.
func heredocs(docs []parser.Heredoc) []input.Heredoc {
	converted := make([]input.Heredoc, 0, len(docs))
	for _, doc := range docs {
		content := doc.Content
		if doc.Chomp {
			content = parser.ChompHeredocContent(content)
		}

		converted = append(converted, input.Heredoc{
			Name:    doc.Name,
			Content: content,
			Expand:  doc.Expand,
		})
	}

	return converted
}

func healthcheck(command *instructions.HealthCheckCommand, location input.Location) *input.Healthcheck {
	if command.Health == nil {
		return nil
	}

	test := append([]string{}, command.Health.Test...)

	return &input.Healthcheck{
		Test:     test,
		Disable:  len(test) == 1 && test[0] == "NONE",
		Location: location,
	}
}
