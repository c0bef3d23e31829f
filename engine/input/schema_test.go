package input_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/invopop/jsonschema"
	sjs "github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/input"
)

var update = flag.Bool("update", false, "rewrite the committed JSON Schema from the Go types")

const schemaFile = "input.schema.json"

// generateSchema derives the JSON Schema of the input document from the Go
// types, so the schema can never drift from what berth writes.
func generateSchema(t *testing.T) []byte {
	t.Helper()

	r := &jsonschema.Reflector{RequiredFromJSONSchemaTags: false, DoNotReference: false}
	schema := r.Reflect(&input.Document{})
	schema.ID = "https://github.com/berth-policy/berth/engine/input/input.schema.json"
	schema.Title = "berth input document " + input.Version

	out, err := json.MarshalIndent(schema, "", "  ")
	require.NoError(t, err)

	return append(out, '\n')
}

func TestSchemaIsCurrent(t *testing.T) {
	generated := generateSchema(t)
	if *update {
		require.NoError(t, os.WriteFile(schemaFile, generated, 0o644))
	}

	committed, err := os.ReadFile(schemaFile)
	require.NoError(t, err)
	require.Equal(t, string(generated), string(committed), "the schema is out of date: run go test ./engine/input -update")
}

func TestExampleMatchesSchema(t *testing.T) {
	compiler := sjs.NewCompiler()
	schemaDoc, err := sjs.UnmarshalJSON(bytes.NewReader(generateSchema(t)))
	require.NoError(t, err)
	require.NoError(t, compiler.AddResource(schemaFile, schemaDoc))
	schema, err := compiler.Compile(schemaFile)
	require.NoError(t, err)

	raw, err := os.ReadFile(filepath.Join("testdata", "example.json"))
	require.NoError(t, err)
	example, err := sjs.UnmarshalJSON(bytes.NewReader(raw))
	require.NoError(t, err)

	require.NoError(t, schema.Validate(example))

	var doc input.Document
	require.NoError(t, json.Unmarshal(raw, &doc))
	require.Equal(t, input.Version, doc.Version)
}
