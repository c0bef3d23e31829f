package compose

import "strings"

// reference is one interpolation expression found in a Compose value.
type reference struct {
	name string

	// offset is the byte offset of the expression's $ in the text.
	offset int

	// operator is the text between the name and the expression's value,
	// such as ":-", "-", ":?", "?", ":+" or "+"; empty for $NAME and ${NAME}.
	operator string
}

// hasDefault reports whether the expression supplies a value when the
// variable is unset, as ${NAME:-default} and ${NAME-default} do. The
// ${NAME:+alt} forms give an empty value instead of failing, so they count
// too.
func (r reference) hasDefault() bool {
	return strings.Contains(r.operator, "-") || strings.Contains(r.operator, "+")
}

// required reports whether the expression fails when the variable is
// unset, as ${NAME:?message} and ${NAME?message} do.
func (r reference) required() bool {
	return strings.Contains(r.operator, "?")
}

// references lists the interpolation expressions in s, including those
// nested in another expression's default, in the order they appear. "$$"
// is an escaped dollar sign and starts no expression.
func references(s string) []reference {
	var refs []reference
	for i := 0; i < len(s); i++ {
		if s[i] != '$' || i+1 >= len(s) {
			continue
		}

		next := s[i+1]
		switch {
		case next == '$':
			i++
		case next == '{':
			end := closingBrace(s, i+2)
			if end < 0 {
				continue
			}
			refs = append(refs, braced(s, i, end)...)
			i = end
		case isNameStart(next):
			j := i + 1
			for j < len(s) && isNameChar(s[j]) {
				j++
			}
			refs = append(refs, reference{name: s[i+1 : j], offset: i})
			i = j - 1
		}
	}

	return refs
}

// braced parses the expression s[start:end+1], which starts with "${" and
// ends with its closing brace, and the expressions nested in its value.
func braced(s string, start, end int) []reference {
	body := s[start+2 : end]

	n := 0
	for n < len(body) && isNameChar(body[n]) {
		n++
	}
	if n == 0 {
		return nil
	}

	ref := reference{name: body[:n], offset: start}
	rest := body[n:]
	for _, op := range []string{":-", ":?", ":+", "-", "?", "+"} {
		if strings.HasPrefix(rest, op) {
			ref.operator = op
			rest = rest[len(op):]
			break
		}
	}

	refs := []reference{ref}
	for _, nested := range references(rest) {
		nested.offset += start + 2 + n + len(ref.operator)
		refs = append(refs, nested)
	}

	return refs
}

// closingBrace returns the index of the brace that closes an expression
// whose body starts at from, counting nested "${", or -1.
func closingBrace(s string, from int) int {
	depth := 1
	for i := from; i < len(s); i++ {
		switch {
		case s[i] == '$' && i+1 < len(s) && s[i+1] == '{':
			depth++
			i++
		case s[i] == '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}

	return -1
}

func isNameStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isNameChar(c byte) bool {
	return isNameStart(c) || c >= '0' && c <= '9'
}

// variableNames returns the distinct variable names s references, in order.
func variableNames(s string) []string {
	var names []string
	seen := map[string]bool{}
	for _, r := range references(s) {
		if !seen[r.name] {
			seen[r.name] = true
			names = append(names, r.name)
		}
	}

	return names
}
