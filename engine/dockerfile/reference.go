package dockerfile

import "strings"

// imageReference is an image reference split into its parts.
type imageReference struct {
	image  string
	tag    string
	digest string
}

// splitReference splits an image reference such as
// registry:5000/team/app:1.2@sha256:... into repository, tag and digest. A
// colon is a tag separator only after the last slash, so a registry port is
// never taken for a tag. Separators inside an unresolved ${...} expression,
// such as ${TAG:-1.0}, are not separators.
func splitReference(reference string) imageReference {
	var parts imageReference

	// masked has the same byte offsets as reference, so an index found in
	// it cuts reference at the same place.
	masked := maskExpressions(reference)

	name := reference
	if at := strings.Index(masked, "@"); at >= 0 {
		name, parts.digest = reference[:at], reference[at+1:]
		masked = masked[:at]
	}

	lastSlash := strings.LastIndex(masked, "/")
	if colon := strings.LastIndex(masked, ":"); colon > lastSlash {
		name, parts.tag = name[:colon], name[colon+1:]
	}

	parts.image = name

	return parts
}

// maskExpressions replaces every byte inside ${...}, braces included, with
// an underscore.
func maskExpressions(reference string) string {
	masked := []byte(reference)
	depth := 0

	for i := 0; i < len(masked); i++ {
		if masked[i] == '$' && i+1 < len(masked) && masked[i+1] == '{' {
			depth++
			masked[i], masked[i+1] = '_', '_'
			i++
			continue
		}
		if depth == 0 {
			continue
		}

		if masked[i] == '}' {
			depth--
		}
		masked[i] = '_'
	}

	return string(masked)
}
