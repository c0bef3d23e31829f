package parallel

import (
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestForEachCallsEveryIndex(t *testing.T) {
	results := make([]int, 100)
	var calls atomic.Int64

	ForEach(len(results), func(i int) {
		calls.Add(1)
		results[i] = i * i
	})

	assert.Equal(t, int64(100), calls.Load())
	for i, r := range results {
		assert.Equal(t, i*i, r, "index %d", i)
	}
}

func TestForEachNone(t *testing.T) {
	called := false

	ForEach(0, func(int) { called = true })

	assert.False(t, called)
}
