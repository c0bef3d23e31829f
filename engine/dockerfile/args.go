package dockerfile

import (
	"slices"

	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// globalArg is the value a global ARG has in a build without --build-arg.
type globalArg struct {
	value string

	// unresolved are the ARG names without a default that the value still
	// contains as written.
	unresolved []string
}

// globalArgs are the ARGs declared before the first FROM, which are the only
// variables that FROM can use. It implements shell.EnvGetter and holds only
// the ARGs that have a default, as BuildKit's do.
type globalArgs struct {
	names  []string
	values map[string]globalArg
}

func newGlobalArgs() *globalArgs {
	return &globalArgs{values: map[string]globalArg{}}
}

// Get returns the value of a global ARG that has a default.
func (g *globalArgs) Get(name string) (string, bool) {
	arg, ok := g.values[name]
	return arg.value, ok
}

// Keys returns the names of the global ARGs that have a default.
func (g *globalArgs) Keys() []string {
	return g.names
}

// declare records an ARG. As in BuildKit, the default may use earlier global
// ARGs, and an ARG without a default leaves an earlier value in place.
func (g *globalArgs) declare(name string, rawDefault *string, escape rune) error {
	if rawDefault == nil {
		return nil
	}

	value, unresolved, err := g.expand(*rawDefault, escape)
	if err != nil {
		return err
	}

	if _, seen := g.values[name]; !seen {
		g.names = append(g.names, name)
	}
	g.values[name] = globalArg{value: value, unresolved: unresolved}

	return nil
}

// expand substitutes global ARGs in word and removes quotes. Names without a
// value stay as written and are returned, sorted, in unresolved.
func (g *globalArgs) expand(word string, escape rune) (string, []string, error) {
	lex := shell.NewLex(escape)
	lex.SkipUnsetEnv = true

	result, err := lex.ProcessWordWithMatches(word, g)
	if err != nil {
		return word, nil, err
	}

	var unresolved []string
	for name := range result.Unmatched {
		unresolved = append(unresolved, name)
	}
	for name := range result.Matched {
		unresolved = append(unresolved, g.values[name].unresolved...)
	}

	slices.Sort(unresolved)

	return result.Result, slices.Compact(unresolved), nil
}
