package compose

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestReferences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []reference
	}{
		{name: "bare name", text: "$PORT", want: []reference{{name: "PORT", offset: 0}}},
		{name: "braced name", text: "x${PORT}y", want: []reference{{name: "PORT", offset: 1}}},
		{name: "default when unset or empty", text: "${PORT:-80}", want: []reference{{name: "PORT", operator: ":-"}}},
		{name: "default when unset", text: "${PORT-80}", want: []reference{{name: "PORT", operator: "-"}}},
		{name: "required when unset or empty", text: "${PORT:?set PORT}", want: []reference{{name: "PORT", operator: ":?"}}},
		{name: "required when unset", text: "${PORT?set PORT}", want: []reference{{name: "PORT", operator: "?"}}},
		{name: "alternative when set", text: "${TLS:+--tls}", want: []reference{{name: "TLS", operator: ":+"}}},
		{name: "alternative when set or empty", text: "${TLS+--tls}", want: []reference{{name: "TLS", operator: "+"}}},
		{name: "nested default", text: "${A:-${B:-x}}", want: []reference{{name: "A", operator: ":-"}, {name: "B", offset: 5, operator: ":-"}}},
		{name: "escaped dollar", text: "$$HOME and $$" + "{X}", want: nil},
		{name: "escape then variable", text: "$$$PORT", want: []reference{{name: "PORT", offset: 2}}},
		{name: "brace after expression", text: "${TIER:-gold} }}", want: []reference{{name: "TIER", operator: ":-"}}},
		{name: "unclosed expression", text: "${PORT", want: nil},
		{name: "dollar at end", text: "cost $", want: nil},
		{name: "digit cannot start a name", text: "$1abc", want: nil},
		{name: "two in one value", text: "${HOST}:${PORT:-80}", want: []reference{{name: "HOST"}, {name: "PORT", offset: 8, operator: ":-"}}},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, references(tt.text))
		})
	}
}

func TestReferenceDefaults(t *testing.T) {
	tests := []struct {
		operator   string
		hasDefault bool
		required   bool
	}{
		{operator: ""},
		{operator: ":-", hasDefault: true},
		{operator: "-", hasDefault: true},
		{operator: ":+", hasDefault: true},
		{operator: "+", hasDefault: true},
		{operator: ":?", required: true},
		{operator: "?", required: true},
	}

	for _, tt := range tests {
		t.Run("operator "+tt.operator, func(t *testing.T) {
			r := reference{name: "V", operator: tt.operator}
			assert.Equal(t, tt.hasDefault, r.hasDefault())
			assert.Equal(t, tt.required, r.required())
		})
	}
}
