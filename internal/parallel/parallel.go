// Package parallel runs independent pieces of work on every core.
package parallel

import (
	"runtime"
	"sync"
)

// ForEach calls fn for each index from 0 to n-1, on at most GOMAXPROCS
// goroutines at once, and returns when every call has returned. fn must
// only write to its own index's results.
func ForEach(n int, fn func(i int)) {
	var wg sync.WaitGroup
	limit := make(chan struct{}, runtime.GOMAXPROCS(0))

	for i := range n {
		wg.Add(1)
		limit <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-limit }()

			fn(i)
		}()
	}

	wg.Wait()
}
