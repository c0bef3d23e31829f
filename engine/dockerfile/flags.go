package dockerfile

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/berth-policy/berth/engine/input"
)

// splitFlags turns the --name[=value] words that BuildKit's parser collected
// into flags. All flags start as known, and markUnknownFlags corrects that
// for instructions that BuildKit rejects.
func splitFlags(words []string) []input.Flag {
	flags := make([]input.Flag, 0, len(words))
	for _, word := range words {
		name, value, hasValue := strings.Cut(strings.TrimPrefix(word, "--"), "=")

		flag := input.Flag{Name: name, Known: true}
		if hasValue {
			flag.Value = &value
		}

		flags = append(flags, flag)
	}

	return flags
}

// markUnknownFlags sets Known to false on each flag that BuildKit rejects as
// unknown for this instruction. BuildKit stops at the first bad flag, so each
// flag is tried alone on a copy of the node. That keeps the list of known
// flags in BuildKit instead of in a table here.
func markUnknownFlags(node *parser.Node, flags []input.Flag, lint *linter.Linter) {
	for i, word := range node.Flags {
		if i >= len(flags) {
			return
		}

		probe := *node
		probe.Flags = []string{word}

		_, err := instructions.ParseInstructionWithLinter(&probe, lint)
		if isUnknownFlag(err, flags[i].Name) {
			flags[i].Known = false
		}
	}
}

// isUnknownFlag reports whether err is BuildKit's "unknown flag" error for
// the flag name. BuildKit may append a suggestion such as
// " (did you mean mount?)".
func isUnknownFlag(err error, name string) bool {
	if err == nil {
		return false
	}

	message := err.Error()
	prefix := "unknown flag: --" + name

	return message == prefix || strings.HasPrefix(message, prefix+" (")
}

// unknownFlagNames returns the names of the flags marked unknown.
func unknownFlagNames(flags []input.Flag) []string {
	var names []string
	for _, flag := range flags {
		if !flag.Known {
			names = append(names, "--"+flag.Name)
		}
	}

	return names
}
