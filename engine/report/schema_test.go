package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"
)

// offlineLoader fails every schema fetch, so validation never reaches the
// network. The SARIF schema is registered from testdata and its draft-04
// meta-schema is built into the validator.
type offlineLoader struct{}

func (offlineLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("load %s: schemas are not fetched in tests", url)
}

// compileSARIFSchema compiles testdata/sarif-schema-2.1.0.json under its
// own id, which is also the $schema that the SARIF reporter writes.
func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()

	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	require.NoError(t, err)
	defer f.Close()

	doc, err := jsonschema.UnmarshalJSON(f)
	require.NoError(t, err)

	c := jsonschema.NewCompiler()
	c.UseLoader(offlineLoader{})
	c.AssertFormat()
	require.NoError(t, c.AddResource(sarifSchemaURI, doc))

	schema, err := c.Compile(sarifSchemaURI)
	require.NoError(t, err)

	return schema
}

// validateSARIF fails the test when data is not a valid SARIF 2.1.0 log.
func validateSARIF(t *testing.T, data []byte) {
	t.Helper()

	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	require.NoError(t, err)
	require.NoError(t, compileSARIFSchema(t).Validate(doc))
}
