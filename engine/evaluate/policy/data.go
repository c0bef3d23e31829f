package policy

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/open-policy-agent/opa/v1/loader"
)

// LoadData reads the JSON and YAML files at paths, each a file or a
// directory searched recursively, into one document to mount under data.
// As in OPA and conftest, a file's content sits at the root of data, and a
// file in a subdirectory sits under the subdirectory's name: the content
// of dir/exceptions/list.yaml, loaded from dir, is data.exceptions. Other
// files are skipped. The error lists every file that does not parse.
func LoadData(paths []string) (map[string]any, error) {
	var errs []error
	for _, path := range paths {
		if _, err := os.Stat(path); err != nil {
			errs = append(errs, fmt.Errorf("data path %s not found: pass an existing file or directory", path))
		}
	}
	if len(errs) > 0 {
		return nil, newListError("load data", errs)
	}

	result, err := loader.NewFileLoader().Filtered(paths, func(_ string, info fs.FileInfo, _ int) bool {
		return !info.IsDir() && !isDataFile(info.Name())
	})
	if err != nil {
		return nil, newListError("load data", flatten([]error{err}))
	}

	return result.Documents, nil
}

func isDataFile(name string) bool {
	switch filepath.Ext(name) {
	case ".json", ".yaml", ".yml":
		return true
	}

	return false
}
