package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/storage"

	"github.com/berth-policy/berth/engine/evaluate/policy"
)

// berthRoot is the root of berth's rules, library and data.
const berthRoot = "berth"

// manifestRoots returns berth's root and the package paths of the user's
// modules outside it, such as user/compose, leaving out any path under
// another root, because OPA rejects a manifest whose roots overlap.
func manifestRoots(modules []bundle.ModuleFile) ([]string, error) {
	candidates := []string{berthRoot}
	for _, m := range modules {
		if policy.InBerth(m.Parsed.Package.Path) {
			continue
		}
		p, err := storage.NewPathForRef(m.Parsed.Package.Path)
		if err != nil {
			return nil, fmt.Errorf("bundle root of package %s: %w", m.Parsed.Package.Path, err)
		}
		candidates = append(candidates, strings.Join(p, "/"))
	}

	// Shorter paths first, so that a root is kept before the paths under it.
	slices.SortFunc(candidates, func(a, b string) int {
		if c := strings.Count(a, "/") - strings.Count(b, "/"); c != 0 {
			return c
		}

		return strings.Compare(a, b)
	})

	var roots []string
	for _, c := range candidates {
		if !slices.ContainsFunc(roots, func(r string) bool { return under(c, r) }) {
			roots = append(roots, c)
		}
	}
	slices.Sort(roots)

	return roots, nil
}

// under reports whether path equals root or lies below it.
func under(path, root string) bool {
	return path == root || strings.HasPrefix(path, root+"/")
}

// revision returns version+hash, where hash is the first 16 hex digits of
// the SHA-256 of every module's path and text, the data and the roots.
func revision(version string, modules []bundle.ModuleFile, data map[string]any, roots []string) string {
	h := sha256.New()
	for _, m := range modules {
		h.Write([]byte(m.Path))
		h.Write([]byte{0})
		h.Write(m.Raw)
		h.Write([]byte{0})
	}

	// encoding/json writes map keys in sorted order, so equal data always
	// hashes the same.
	dataJSON, _ := json.Marshal(data)
	h.Write(dataJSON)
	h.Write([]byte{0})
	rootsJSON, _ := json.Marshal(roots)
	h.Write(rootsJSON)

	return version + "+" + hex.EncodeToString(h.Sum(nil))[:16]
}
