package discovery

import (
	"path"
	"slices"
	"strings"
)

// mainComposeFiles are the names Docker Compose looks for, in its order of
// preference.
var mainComposeFiles = []string{"compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"}

// overrideComposeFiles are merged over the main file automatically; Docker
// Compose uses the first one that exists.
var overrideComposeFiles = []string{"compose.override.yaml", "compose.override.yml", "docker-compose.override.yaml", "docker-compose.override.yml"}

// skippedDirs are never searched: version control data and vendored trees
// hold other people's files.
var skippedDirs = map[string]bool{".git": true, ".hg": true, ".svn": true, "node_modules": true, "vendor": true, "third_party": true}

// isComposeName reports whether name is a Compose file that discovery
// groups into projects: a main file, an override file or a sibling.
func isComposeName(name string) bool {
	lower := strings.ToLower(name)

	return slices.Contains(mainComposeFiles, lower) || slices.Contains(overrideComposeFiles, lower) || isComposeSibling(name)
}

// isComposeSibling reports whether name is a file meant for
// docker compose -f beside a main file, such as docker-compose.prod.yml.
func isComposeSibling(name string) bool {
	lower := strings.ToLower(name)
	ext := path.Ext(lower)
	if ext != ".yml" && ext != ".yaml" {
		return false
	}

	stem := strings.TrimSuffix(lower, ext)
	for _, prefix := range []string{"compose.", "docker-compose.", "docker-compose-"} {
		if strings.HasPrefix(stem, prefix) && len(stem) > len(prefix) && !strings.HasPrefix(stem[len(prefix):], "override") {
			return true
		}
	}

	return false
}

// IsDockerfile reports whether name is a Dockerfile by its name, in any
// case: Dockerfile, Dockerfile.*, *.Dockerfile or Containerfile.
func IsDockerfile(name string) bool {
	lower := strings.ToLower(name)

	return lower == "dockerfile" || lower == "containerfile" ||
		strings.HasPrefix(lower, "dockerfile.") || strings.HasSuffix(lower, ".dockerfile")
}

// isRequirements reports whether name is a pip requirements or
// constraints file.
func isRequirements(name string) bool {
	lower := strings.ToLower(name)
	if path.Ext(lower) != ".txt" {
		return false
	}

	return strings.HasPrefix(lower, "requirements") || strings.HasPrefix(lower, "constraints") ||
		strings.HasSuffix(lower, "-requirements.txt") || strings.HasSuffix(lower, "_requirements.txt")
}
