package requirements

import (
	"path"
	"regexp"
	"strings"

	"github.com/berth-policy/berth/engine/input"
)

var (
	// commitPattern is a VCS revision that is a full 40-digit commit
	// hash, as in git+https://host/repo.git@<sha>#egg=name.
	commitPattern = regexp.MustCompile(`@[0-9a-fA-F]{40}(?:$|[#?&])`)

	// archiveSuffixes are the file endings pip installs from directly.
	archiveSuffixes = []string{".whl", ".zip", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tar"}
)

// applyURL fills a requirement that installs from a URL or a local path.
// name is the name written before "@", or empty for a bare URL.
//
// A URL counts as pinned only when it names a full 40-digit VCS commit,
// because a branch, a tag or an archive URL can serve different content
// later. A --hash on the line is recorded in Hashes either way.
func applyURL(requirement *input.Requirement, name, url string) {
	url = strings.TrimSpace(withoutMarkers(url, true))

	if name == "" {
		name = nameFromURL(url)
	}
	if name != "" {
		requirement.Name = normalizeName(name)
	}

	requirement.Pinned = commitPattern.MatchString(url)
}

// nameFromURL reads the distribution name from an #egg= fragment or a
// wheel file name, or returns "".
func nameFromURL(url string) string {
	address, fragment, _ := strings.Cut(url, "#")
	for _, field := range strings.Split(fragment, "&") {
		if egg, ok := strings.CutPrefix(field, "egg="); ok {
			egg, _, _ = strings.Cut(egg, "[")
			return namePattern.FindString(egg)
		}
	}

	address, _, _ = strings.Cut(address, "?")
	file := path.Base(address)
	if wheel, ok := strings.CutSuffix(file, ".whl"); ok {
		// A wheel file is named {name}-{version}-..., and the name part
		// contains no "-".
		name, _, _ := strings.Cut(wheel, "-")
		return namePattern.FindString(name)
	}

	return ""
}

// looksLikeURLOrPath reports whether a requirement is a URL or a local path
// rather than a name, using the signs pip uses: a scheme, a path separator,
// a leading "." or "~", or an archive file ending.
func looksLikeURLOrPath(spec string) bool {
	if strings.Contains(spec, "://") || strings.ContainsAny(spec, `/\`) {
		return true
	}
	if strings.HasPrefix(spec, ".") || strings.HasPrefix(spec, "~") {
		return true
	}

	lower := strings.ToLower(spec)
	for _, suffix := range archiveSuffixes {
		if strings.HasSuffix(lower, suffix) {
			return true
		}
	}

	return false
}
