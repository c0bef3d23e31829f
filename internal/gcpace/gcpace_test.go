package gcpace

import (
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAfterNextGCRepeatsUntilCheckDeclines(t *testing.T) {
	calls := make(chan int, 10)
	n := 0
	afterNextGC(func() bool {
		n++
		calls <- n
		return n < 3
	})

	var got []int
	deadline := time.After(10 * time.Second)
	for len(got) < 3 {
		runtime.GC()
		select {
		case c := <-calls:
			got = append(got, c)
		case <-time.After(10 * time.Millisecond):
		case <-deadline:
			require.FailNow(t, "cleanups did not run", "got %v", got)
		}
	}

	// Once check returns false, no cleanup is armed any more.
	for range 3 {
		runtime.GC()
	}
	time.Sleep(50 * time.Millisecond)
	assert.Equal(t, []int{1, 2, 3}, got)
	assert.Empty(t, calls)
}

func TestLiveHeapIsReported(t *testing.T) {
	runtime.GC()

	assert.Positive(t, liveHeap())
}
