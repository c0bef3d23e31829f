// Package gcpace sets garbage collection up for berth's short-lived
// processes: berth itself and the floors it is benchmarked against, which
// must run with the same settings to compare fairly.
package gcpace

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// memoryLimit is the heap size at which garbage collection starts. It
// keeps the peak resident set of a 2,000-service repository under 300 MB.
const memoryLimit = 240 << 20

// largeLiveHeap is the live heap above which collecting only near the
// limit would collect too often, because each collection frees little.
// 2,000 services peak at about two thirds of the limit.
const largeLiveHeap = memoryLimit * 7 / 8

// Tune sets garbage collection up for a short-lived process, unless the
// user set GOGC or GOMEMLIMIT. berth's live heap is mostly the input
// document, so collecting before the heap nears a limit only costs time:
// on the example stack a check takes about a fifth less (BENCHMARKS.md).
// A repository of several thousand services has a live heap near the
// limit, where the collector would run back to back. So once a collection
// finds that much live data, the usual pacing returns: the next collection
// starts when the heap has doubled.
func Tune() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}

	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(memoryLimit)
	afterNextGC(func() bool {
		if liveHeap() < largeLiveHeap {
			return true
		}
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)

		return false
	})
}

// afterNextGC calls check after the next garbage collection, and after
// each one that follows for as long as check returns true.
func afterNextGC(check func() bool) {
	// An object that nothing references is freed by the next collection,
	// which then runs its cleanup.
	sentinel := &struct{ _ *int }{}
	runtime.AddCleanup(sentinel, func(struct{}) {
		if check() {
			afterNextGC(check)
		}
	}, struct{}{})
}

// liveHeap returns the bytes that the last garbage collection found live.
func liveHeap() uint64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}

	return sample[0].Value.Uint64()
}
