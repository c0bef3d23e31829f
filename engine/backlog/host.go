package backlog

import (
	"path"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/berth-policy/berth/engine/input"
)

// decodeHost decodes a host block. Compose paths are kept as written, and
// must be slash-separated and relative to the root of the run, the form
// that Compose project files have in the input document.
func (d *decoder) decodeHost(block *hclsyntax.Block, attributes map[string]*hclsyntax.Attribute) input.Host {
	host := input.Host{
		Name:     block.Labels[0],
		Compose:  []string{},
		Location: d.src.location(block.TypeRange),
	}

	compose, ok := d.stringListValue(attributes["compose"])
	if !ok {
		return host
	}

	for index, file := range compose {
		if !isRelativeSlashPath(file) {
			d.errorf(elementRange(attributes["compose"], index),
				"invalid compose path %q; write a path relative to the root of the run with forward slashes, such as mainpc/docker-compose.yml", file)
			continue
		}

		host.Compose = append(host.Compose, file)
	}

	return host
}

// isRelativeSlashPath reports whether name is a non-empty slash-separated
// path that stays inside the root of the run.
func isRelativeSlashPath(name string) bool {
	if name == "" || strings.Contains(name, `\`) || path.IsAbs(name) {
		return false
	}

	// A drive letter such as C: makes a Windows path absolute.
	if len(name) >= 2 && name[1] == ':' {
		return false
	}

	cleaned := path.Clean(name)

	return cleaned != ".." && !strings.HasPrefix(cleaned, "../")
}
