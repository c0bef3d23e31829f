package dockerfile

import (
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/berth-policy/berth/engine/input"
)

// addGlobalArgs records the names of an ARG before the first FROM and makes
// their defaults available to later FROM lines.
func (b *builder) addGlobalArgs(instruction input.Instruction, typed any) {
	for _, arg := range argPairs(instruction, typed) {
		// convert has already warned about words that cannot be unquoted.
		name, unquoteErr := unquote(arg.Key, b.escape)

		declared := input.Arg{Name: name, Location: instruction.Location}
		if arg.Value != nil {
			value, err := unquote(*arg.Value, b.escape)
			declared.Default = &value
			unquoteErr = firstError(unquoteErr, err)
		}

		b.result.Args = append(b.result.Args, declared)

		// A default that cannot be expanded leaves the ARG unset.
		err := b.globals.declare(name, arg.Value, b.escape)
		if err != nil && unquoteErr == nil {
			b.warn(instruction.Location, fmt.Sprintf(
				"BuildKit cannot expand the default of ARG %s: %s; fix its ${} expressions", name, err))
		}
	}
}

func firstError(first, second error) error {
	if first != nil {
		return first
	}

	return second
}

// argPairs returns the names and raw defaults of an ARG, splitting the
// arguments at the first "=" when BuildKit rejected the instruction.
func argPairs(instruction input.Instruction, typed any) []instructions.KeyValuePairOptional {
	if command, ok := typed.(*instructions.ArgCommand); ok {
		return command.Args
	}

	pairs := make([]instructions.KeyValuePairOptional, 0, len(instruction.Args))
	for _, word := range instruction.Args {
		name, value, hasValue := strings.Cut(word, "=")
		if name == "" {
			continue
		}

		pair := instructions.KeyValuePairOptional{Key: name}
		if hasValue {
			pair.Value = &value
		}

		pairs = append(pairs, pair)
	}

	return pairs
}
