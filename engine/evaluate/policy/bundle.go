package policy

import (
	"fmt"
	"os"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/loader"
)

// LoadBundle reads the OPA bundle at path, a .tar.gz file or a directory,
// and parses its modules with berth's capabilities and annotations. It does
// not verify bundle signatures.
func LoadBundle(path string) (*bundle.Bundle, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("bundle %s not found: pass a bundle file built by berth bundle build, or a bundle directory", path)
	}

	b, err := loader.NewFileLoader().
		WithProcessAnnotation(true).
		WithRegoVersion(ast.RegoV1).
		WithCapabilities(Capabilities()).
		AsBundle(path)
	if err != nil {
		return nil, fmt.Errorf("read bundle: %w", err)
	}

	return b, nil
}

// BundleFiles returns the modules of b as files.
func BundleFiles(b *bundle.Bundle) Files {
	files := make(Files, 0, len(b.Modules))
	for _, m := range b.Modules {
		files = append(files, File{Name: m.Path, Raw: m.Raw, Module: m.Parsed})
	}

	return Merge(files)
}
