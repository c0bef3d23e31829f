package bundle

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/open-policy-agent/opa/v1/bundle"
)

// Write writes b to w as a gzipped tarball that opa eval -b and berth
// check --bundle read. The modules are written byte for byte, without
// opa fmt, so that line numbers stay those of the sources.
func Write(w io.Writer, b *bundle.Bundle) error {
	if err := bundle.NewWriter(w).DisableFormat(true).Write(*b); err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}

	return nil
}

// WriteFile writes b to the file at path, replacing it.
func WriteFile(path string, b *bundle.Bundle) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create bundle file: %w", err)
	}
	defer func() {
		if closeErr := f.Close(); closeErr != nil {
			err = errors.Join(err, fmt.Errorf("close bundle file: %w", closeErr))
		}
	}()

	return Write(f, b)
}
