package dockerfile

import (
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/shell"

	"github.com/berth-policy/berth/engine/input"
)

// noVariables is an environment with no variables, for removing quotes and
// escapes without expanding anything.
type noVariables struct{}

func (noVariables) Get(string) (string, bool) { return "", false }

func (noVariables) Keys() []string { return nil }

// unquote removes quotes and escapes from a word the way BuildKit does when
// it expands ENV, ARG and LABEL. Variable references stay as written,
// because their values are only known at build time.
func unquote(word string, escape rune) (string, error) {
	lex := shell.NewLex(escape)
	lex.SkipUnsetEnv = true

	result, _, err := lex.ProcessWord(word, noVariables{})
	if err != nil {
		return word, err
	}

	return result, nil
}

// pairsFromKeyValues converts the pairs of ENV and LABEL. A pair that cannot
// be unquoted keeps its text as written and is returned in failed.
func pairsFromKeyValues(pairs instructions.KeyValuePairs, escape rune) (values []input.KeyValue, failed error) {
	values = make([]input.KeyValue, 0, len(pairs))
	for _, pair := range pairs {
		name, err := unquote(pair.Key, escape)
		if err != nil && failed == nil {
			failed = err
		}

		value, err := unquote(pair.Value, escape)
		if err != nil && failed == nil {
			failed = err
		}

		values = append(values, input.KeyValue{Name: name, Value: &value})
	}

	return values, failed
}

// pairsFromArgs converts the names of an ARG instruction, keeping a nil
// value for a name without a default.
func pairsFromArgs(args []instructions.KeyValuePairOptional, escape rune) (values []input.KeyValue, failed error) {
	values = make([]input.KeyValue, 0, len(args))
	for _, arg := range args {
		name, err := unquote(arg.Key, escape)
		if err != nil && failed == nil {
			failed = err
		}

		pair := input.KeyValue{Name: name}
		if arg.Value != nil {
			value, err := unquote(*arg.Value, escape)
			if err != nil && failed == nil {
				failed = err
			}
			pair.Value = &value
		}

		values = append(values, pair)
	}

	return values, failed
}
