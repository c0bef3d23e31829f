package compose

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/input"
)

// The interpolation case's .env sets BARE=bare, BRACED=braced, EMPTY= and
// KEY_NAME=key. MISSING, OUTER and INNER are unset.
func TestInterpolationForms(t *testing.T) {
	p, err := loadIn(t, "cases/interpolation", Options{}, "compose.yaml")
	require.NoError(t, err)

	app := serviceNamed(t, p, "app")
	const path = "services.app.environment."

	tests := []struct {
		name  string
		key   string
		value string
		raw   string
		uses  []input.VariableUse
	}{
		{
			name: "bare name", key: "BARE", value: "bare", raw: "$BARE",
			uses: []input.VariableUse{{Name: "BARE", Defined: true, Path: path + "BARE", Location: at("compose.yaml", 9, 13, 18)}},
		},
		{
			name: "braced name", key: "BRACED", value: "braced", raw: "${BRACED}",
			uses: []input.VariableUse{{Name: "BRACED", Defined: true, Path: path + "BRACED", Location: at("compose.yaml", 10, 15, 23)}},
		},
		{
			name: "default when empty", key: "EMPTY_OR_UNSET", value: "d", raw: "${EMPTY:-d}",
			uses: []input.VariableUse{{Name: "EMPTY", Defined: true, HasDefault: true, Path: path + "EMPTY_OR_UNSET", Location: at("compose.yaml", 11, 23, 30)}},
		},
		{
			name: "default only when unset keeps empty", key: "UNSET_ONLY", value: "", raw: "${EMPTY-d}",
			uses: []input.VariableUse{{Name: "EMPTY", Defined: true, HasDefault: true, Path: path + "UNSET_ONLY", Location: at("compose.yaml", 12, 19, 26)}},
		},
		{
			name: "default only when unset", key: "MISSING_DEFAULT", value: "d", raw: "${MISSING-d}",
			uses: []input.VariableUse{{Name: "MISSING", HasDefault: true, Path: path + "MISSING_DEFAULT", Location: at("compose.yaml", 13, 24, 33)}},
		},
		{
			name: "required and set", key: "REQUIRED_SET", value: "braced", raw: "${BRACED:?set BRACED}",
			uses: []input.VariableUse{{Name: "BRACED", Defined: true, Required: true, Path: path + "REQUIRED_SET", Location: at("compose.yaml", 14, 21, 29)}},
		},
		{
			name: "required when unset accepts empty", key: "REQUIRED_EMPTY_OK", value: "", raw: "${EMPTY?set EMPTY}",
			uses: []input.VariableUse{{Name: "EMPTY", Defined: true, Required: true, Path: path + "REQUIRED_EMPTY_OK", Location: at("compose.yaml", 15, 26, 33)}},
		},
		{
			name: "alternative when set", key: "ALT_SET", value: "alt", raw: "${BRACED:+alt}",
			uses: []input.VariableUse{{Name: "BRACED", Defined: true, HasDefault: true, Path: path + "ALT_SET", Location: at("compose.yaml", 16, 16, 24)}},
		},
		{
			name: "alternative when non-empty skips empty", key: "ALT_EMPTY", value: "", raw: "${EMPTY:+alt}",
			uses: []input.VariableUse{{Name: "EMPTY", Defined: true, HasDefault: true, Path: path + "ALT_EMPTY", Location: at("compose.yaml", 17, 18, 25)}},
		},
		{
			name: "alternative when set takes empty", key: "ALT_EMPTY_PLUS", value: "alt", raw: "${EMPTY+alt}",
			uses: []input.VariableUse{{Name: "EMPTY", Defined: true, HasDefault: true, Path: path + "ALT_EMPTY_PLUS", Location: at("compose.yaml", 18, 23, 30)}},
		},
		{
			name: "alternative when unset", key: "ALT_UNSET", value: "", raw: "${MISSING+alt}",
			uses: []input.VariableUse{{Name: "MISSING", HasDefault: true, Path: path + "ALT_UNSET", Location: at("compose.yaml", 19, 18, 27)}},
		},
		{
			name: "nested defaults", key: "NESTED", value: "x", raw: "${OUTER:-${INNER:-x}}",
			uses: []input.VariableUse{
				{Name: "OUTER", HasDefault: true, Path: path + "NESTED", Location: at("compose.yaml", 20, 15, 22)},
				{Name: "INNER", HasDefault: true, Path: path + "NESTED", Location: at("compose.yaml", 20, 24, 31)},
			},
		},
		{
			name: "nested default that is set", key: "NESTED_INNER_SET", value: "braced", raw: "${OUTER:-${BRACED:-x}}",
			uses: []input.VariableUse{
				{Name: "OUTER", HasDefault: true, Path: path + "NESTED_INNER_SET", Location: at("compose.yaml", 22, 25, 32)},
				{Name: "BRACED", Defined: true, HasDefault: true, Path: path + "NESTED_INNER_SET", Location: at("compose.yaml", 22, 34, 42)},
			},
		},
		{
			name: "escaped dollars", key: "ESCAPED", value: "$BARE and ${BRACED}", raw: "$$BARE and $${BRACED}",
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := envValue(t, app, tt.key)
			require.NotNil(t, v.Value)
			assert.Equal(t, tt.value, *v.Value)
			assert.Equal(t, tt.raw, v.Raw)
			assert.Equal(t, tt.uses, usesIn(p, path+tt.key))
		})
	}

	t.Run("key position is not interpolated", func(t *testing.T) {
		// Compose substitutes values only, so the label keeps its name and
		// the expression is no variable use.
		assert.Equal(t, []input.Label{
			{Name: "${KEY_NAME}", Value: "literal", Location: at("compose.yaml", 7, 7, 29)},
		}, app.Labels)
		assert.Empty(t, usesIn(p, "services.app.labels.${KEY_NAME}"))
	})

	t.Run("extension section", func(t *testing.T) {
		assert.Equal(t, []input.VariableUse{
			{Name: "EXT_NOTE", HasDefault: true, Path: "x-defaults.note", Location: at("compose.yaml", 2, 10, 20)},
		}, usesIn(p, "x-defaults.note"))
	})

	t.Run("every use is listed in file order", func(t *testing.T) {
		var names []string
		for _, v := range p.Variables {
			names = append(names, v.Name)
		}
		assert.Equal(t, []string{
			"EXT_NOTE", "BARE", "BRACED", "EMPTY", "EMPTY", "MISSING", "BRACED", "EMPTY",
			"BRACED", "EMPTY", "EMPTY", "MISSING", "OUTER", "INNER", "OUTER", "BRACED",
		}, names)
	})
}

// The variable-sources case's .env sets FROM_DOTENV, OVERRIDDEN and
// BERTH_TEST_OS_AND_DOTENV to "dotenv", and alt.env sets FROM_ENV_FILE and
// OVERRIDDEN to "alt".
func TestVariableSources(t *testing.T) {
	t.Setenv("BERTH_TEST_OS_ONLY", "os")
	t.Setenv("BERTH_TEST_OS_AND_DOTENV", "os")

	tests := []struct {
		name string
		opts Options
		want map[string]string
	}{
		{
			name: "dotenv only, process environment ignored",
			opts: Options{},
			want: map[string]string{"FROM_DOTENV": "dotenv", "FROM_ENV_FILE": "unset", "OVERRIDDEN": "dotenv", "OS_ONLY": "unset", "OS_AND_DOTENV": "dotenv"},
		},
		{
			name: "env file replaces dotenv",
			opts: Options{EnvFiles: []string{"alt.env"}},
			want: map[string]string{"FROM_DOTENV": "unset", "FROM_ENV_FILE": "alt", "OVERRIDDEN": "alt", "OS_ONLY": "unset", "OS_AND_DOTENV": "unset"},
		},
		{
			name: "env flag wins over dotenv",
			opts: Options{Env: []string{"OVERRIDDEN=flag"}},
			want: map[string]string{"FROM_DOTENV": "dotenv", "FROM_ENV_FILE": "unset", "OVERRIDDEN": "flag", "OS_ONLY": "unset", "OS_AND_DOTENV": "dotenv"},
		},
		{
			name: "process environment wins over dotenv",
			opts: Options{OSEnv: true},
			want: map[string]string{"FROM_DOTENV": "dotenv", "FROM_ENV_FILE": "unset", "OVERRIDDEN": "dotenv", "OS_ONLY": "os", "OS_AND_DOTENV": "os"},
		},
		{
			name: "env flag wins over process environment",
			opts: Options{OSEnv: true, Env: []string{"BERTH_TEST_OS_AND_DOTENV=flag"}},
			want: map[string]string{"FROM_DOTENV": "dotenv", "FROM_ENV_FILE": "unset", "OVERRIDDEN": "dotenv", "OS_ONLY": "os", "OS_AND_DOTENV": "flag"},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			opts.EnvFiles = nil
			for _, f := range tt.opts.EnvFiles {
				opts.EnvFiles = append(opts.EnvFiles, absTestdata(t, "cases/variable-sources", f))
			}

			p, err := loadIn(t, "cases/variable-sources", opts, "compose.yaml")
			require.NoError(t, err)

			app := serviceNamed(t, p, "app")
			for key, want := range tt.want {
				v := envValue(t, app, key)
				require.NotNil(t, v.Value)
				assert.Equal(t, want, *v.Value, key)
			}

			defined := map[string]bool{}
			for _, v := range p.Variables {
				defined[v.Name] = v.Defined
			}
			assert.Equal(t, tt.want["OS_ONLY"] != "unset", defined["BERTH_TEST_OS_ONLY"])
		})
	}
}
