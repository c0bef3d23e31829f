package conftest

import (
	"fmt"
	"path"
	"strings"
)

// DefaultNamespace is the namespace evaluated when no pattern is given, as
// in conftest.
const DefaultNamespace = "main"

// SelectNamespaces returns the namespaces of available that match at
// least one pattern, in the order of available. Patterns are globs as
// path.Match reads them, where the dots of a namespace are ordinary
// characters: "main.*" matches main.compose and "*" matches every
// namespace. all selects every namespace. It is an error when patterns
// select none, because a typo would otherwise pass every check.
func SelectNamespaces(available, patterns []string, all bool) ([]string, error) {
	if all {
		return available, nil
	}
	if len(patterns) == 0 {
		patterns = []string{DefaultNamespace}
	}

	var selected []string
	for _, ns := range available {
		for _, pattern := range patterns {
			matched, err := path.Match(pattern, ns)
			if err != nil {
				return nil, fmt.Errorf("invalid namespace pattern %q: %w", pattern, err)
			}
			if matched {
				selected = append(selected, ns)
				break
			}
		}
	}

	if len(selected) == 0 {
		return nil, fmt.Errorf("no policy package matches namespace %s: the policies define %s; select packages with -n/--namespace or use --all-namespaces",
			strings.Join(patterns, ", "), describe(available))
	}

	return selected, nil
}

func describe(namespaces []string) string {
	if len(namespaces) == 0 {
		return "no packages"
	}

	return strings.Join(namespaces, ", ")
}
