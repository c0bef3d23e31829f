package compose

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/input"
)

func TestQuotedScalarLocations(t *testing.T) {
	p, err := loadIn(t, "cases/quoting", Options{}, "compose.yaml")
	require.NoError(t, err)

	quoted := serviceNamed(t, p, "quoted")

	tests := []struct {
		name   string
		scalar *input.Scalar
		value  string
		want   input.Location
	}{
		// The end is one past the closing quote, so escapes and doubled
		// quotes make the location wider than the value.
		{name: "single quotes", scalar: quoted.Image, value: "nginx:1.27", want: at("compose.yaml", 3, 12, 24)},
		{name: "double quotes with an escape", scalar: quoted.ContainerName, value: "webé", want: at("compose.yaml", 4, 21, 32)},
		{name: "doubled single quote", scalar: quoted.User, value: "it's", want: at("compose.yaml", 5, 11, 18)},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NotNil(t, tt.scalar)
			assert.Equal(t, tt.value, tt.scalar.Value)
			assert.Equal(t, tt.want, tt.scalar.Location)
		})
	}

	t.Run("escapes before a variable", func(t *testing.T) {
		assert.Equal(t, []input.EnvVar{
			{Name: "SINGLE", Value: text("say 'hi' you"), Raw: "say 'hi' ${NAME:-you}", Variables: []string{"NAME"}, Source: "environment", Location: at("compose.yaml", 8, 7, 40)},
			{Name: "TAB", Value: text("a\tb x"), Raw: "a\tb ${SUFFIX:-x}", Variables: []string{"SUFFIX"}, Source: "environment", Location: at("compose.yaml", 7, 7, 31)},
		}, quoted.Environment)

		uses := usesIn(p, "services.quoted.environment.TAB", "services.quoted.environment.SINGLE")
		assert.Equal(t, []input.VariableUse{
			{Name: "SUFFIX", HasDefault: true, Path: "services.quoted.environment.TAB", Location: at("compose.yaml", 7, 18, 26)},
			{Name: "NAME", HasDefault: true, Path: "services.quoted.environment.SINGLE", Location: at("compose.yaml", 8, 27, 33)},
		}, uses)
	})
}

func TestNonASCIIColumns(t *testing.T) {
	p, err := loadIn(t, "cases/quoting", Options{}, "compose.yaml")
	require.NoError(t, err)

	// Columns count UTF-16 code units: é is one unit and 😀 is two.
	t.Run("flow mapping labels", func(t *testing.T) {
		quoted := serviceNamed(t, p, "quoted")
		assert.Equal(t, []input.Label{
			{Name: "note.é", Value: "😀", Location: at("compose.yaml", 9, 14, 26)},
			{Name: "tier", Value: "gold", Location: at("compose.yaml", 9, 28, 38)},
		}, quoted.Labels)
	})

	t.Run("value after non-ASCII text", func(t *testing.T) {
		unicode := serviceNamed(t, p, "unicode")
		assert.Equal(t, []input.EnvVar{
			{Name: "GREETING", Value: text("é😀"), Raw: "é😀", Source: "environment", Location: at("compose.yaml", 12, 19, 34)},
			{Name: "PORT", Value: text("80"), Raw: "${PORT:-80}", Variables: []string{"PORT"}, Source: "environment", Location: at("compose.yaml", 12, 36, 55)},
		}, unicode.Environment)

		assert.Equal(t, []input.VariableUse{
			{Name: "PORT", HasDefault: true, Path: "services.unicode.environment.PORT", Location: at("compose.yaml", 12, 43, 49)},
		}, usesIn(p, "services.unicode.environment.PORT"))
	})
}

func TestScalarsWithPropertiesOrSeveralLines(t *testing.T) {
	p, err := loadIn(t, "cases/quoting", Options{}, "compose.yaml")
	require.NoError(t, err)

	folded := serviceNamed(t, p, "folded")

	t.Run("tag before the value", func(t *testing.T) {
		require.NotNil(t, folded.Image)
		assert.Equal(t, "nginx:1.27", folded.Image.Value)
		assert.Equal(t, at("compose.yaml", 15, 18, 28), folded.Image.Location)
	})

	t.Run("anchor before a quoted value", func(t *testing.T) {
		require.NotNil(t, folded.ContainerName)
		assert.Equal(t, "web-1", folded.ContainerName.Value)
		assert.Equal(t, at("compose.yaml", 16, 27, 34), folded.ContainerName.Location)
	})

	// A value that spans lines has no known end on the key's line, so the
	// element's location spans the key only.
	t.Run("block and folded values", func(t *testing.T) {
		assert.Equal(t, []input.EnvVar{
			{Name: "BLOCK", Value: text("one line"), Raw: "one line", Source: "environment", Location: at("compose.yaml", 18, 7, 12)},
			{Name: "PLAIN", Value: text("first second"), Raw: "first second", Source: "environment", Location: at("compose.yaml", 20, 7, 12)},
			{Name: "QUOTED_TWO_LINES", Value: text("first second"), Raw: "first second", Source: "environment", Location: at("compose.yaml", 22, 7, 23)},
		}, folded.Environment)
	})
}

// usesIn returns the project's variable uses at the given model paths, in
// the order the project lists them.
func usesIn(p input.Project, paths ...string) []input.VariableUse {
	var uses []input.VariableUse
	for _, v := range p.Variables {
		for _, path := range paths {
			if v.Path == path {
				uses = append(uses, v)
			}
		}
	}

	return uses
}
