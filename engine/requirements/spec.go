package requirements

import (
	"regexp"
	"strings"

	"github.com/berth-policy/berth/engine/input"
)

var (
	// namePattern is a distribution name as PEP 508 defines it.
	namePattern = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?`)

	// directReferencePattern is "name[extras] @ url" from PEP 508.
	directReferencePattern = regexp.MustCompile(`^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*@\s*(.*)$`)

	// separatorRun is what PEP 503 folds into one "-" when it normalizes
	// a name.
	separatorRun = regexp.MustCompile(`[-_.]+`)
)

// applySpec fills the name, specifier and pin of a requirement such as
// pkg[extra]>=2,<3 ; python_version < "3.12", pkg @ https://... or a bare
// URL or path.
func applySpec(requirement *input.Requirement, spec string) {
	if match := directReferencePattern.FindStringSubmatch(spec); match != nil {
		applyURL(requirement, match[1], match[2])
		return
	}

	if looksLikeURLOrPath(withoutMarkers(spec, true)) {
		applyURL(requirement, "", spec)
		return
	}

	name := namePattern.FindString(spec)
	if name == "" {
		return
	}
	requirement.Name = normalizeName(name)

	rest := strings.TrimSpace(spec[len(name):])
	rest = skipExtras(rest)

	specifier := strings.TrimSpace(withoutMarkers(rest, false))
	specifier = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(specifier, "("), ")"))

	requirement.Specifier = specifier
	requirement.Pinned = isPinned(specifier)
}

// skipExtras removes a leading [extra,...] list.
func skipExtras(rest string) string {
	if !strings.HasPrefix(rest, "[") {
		return rest
	}

	end := strings.Index(rest, "]")
	if end < 0 {
		return ""
	}

	return strings.TrimSpace(rest[end+1:])
}

// withoutMarkers removes the environment markers after ";". In a URL a
// semicolon may be part of the address, so there, as in pip, only a
// semicolon after white space starts the markers.
func withoutMarkers(spec string, url bool) string {
	separator := ";"
	if url {
		separator = " ;"
		spec = strings.ReplaceAll(spec, "\t;", " ;")
	}

	before, _, _ := strings.Cut(spec, separator)

	return before
}

// isPinned reports whether a specifier allows exactly one version: a single
// == without a wildcard, or a single ===.
func isPinned(specifier string) bool {
	if specifier == "" || strings.Contains(specifier, ",") {
		return false
	}

	if version, ok := strings.CutPrefix(specifier, "==="); ok {
		return strings.TrimSpace(version) != ""
	}

	version, ok := strings.CutPrefix(specifier, "==")
	if !ok {
		return false
	}

	version = strings.TrimSpace(version)

	return version != "" && !strings.Contains(version, "*")
}

// normalizeName normalizes a distribution name as PEP 503 does.
func normalizeName(name string) string {
	return strings.ToLower(separatorRun.ReplaceAllString(name, "-"))
}
