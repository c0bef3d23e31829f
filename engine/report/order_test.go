package report

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCompareRuleIDs(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want int
	}{
		{name: "equal", a: "C-6", b: "C-6", want: 0},
		{name: "one digit before two", a: "C-2", b: "C-10", want: -1},
		{name: "two digits after one", a: "C-10", b: "C-9", want: 1},
		{name: "leading zeros ignored", a: "C-02", b: "C-10", want: -1},
		{name: "prefix first", a: "B-20", b: "C-1", want: -1},
		{name: "shorter first", a: "C", b: "C-1", want: -1},
		{name: "suffix after number", a: "C-6a", b: "C-6b", want: -1},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, compareRuleIDs(tt.a, tt.b))
		})
	}
}
