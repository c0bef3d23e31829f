package main

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// Targets of berth's performance, in the units of the table.
const (
	preCommitMaxMS     = 50
	largeStackMaxRSSMB = 300
	maxFloorRatio      = 1.3
	maxTenfoldScaling  = 11

	// maxStagedRatio bounds the staged case against the 1x case: both
	// load one project of 20 services, so the rest of the repository
	// must cost next to nothing.
	maxStagedRatio = 1.5
)

// Cases that the targets apply to, as bench/run.sh names them.
const (
	preCommitCase   = "blueprint"
	scalingFromCase = "10x"
	largeStackCase  = "100x"
	stagedCase      = "staged"
	oneProjectCase  = "1x"
)

const notMeasured = "-"

func printTable(w io.Writer, results []caseResult) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "case\ttool\truns\tmedian ms\tCPU ms\tpeak RSS MB\tberth/conftest\tberth/floor\tberth/loadfloor\t")

	for _, c := range results {
		for _, tool := range tools {
			m, ok := c.tools[tool]
			if !ok {
				continue
			}
			toConftest, toFloor, toLoadFloor := notMeasured, notMeasured, notMeasured
			if tool == "berth" {
				toConftest = ratio(c, "berth", "conftest")
				toFloor = ratio(c, "berth", "floor")
				toLoadFloor = ratio(c, "berth", "loadfloor")
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%.1f\t%.1f\t%.1f\t%s\t%s\t%s\t\n",
				c.name, tool, m.runs, m.medianMS, m.cpuMS, m.peakRSSMB, toConftest, toFloor, toLoadFloor)
		}
	}

	tw.Flush()
}

// printScaling prints, per tool, how much longer the larger case took, in
// wall time and in CPU time.
func printScaling(w io.Writer, results []caseResult, from, to string) {
	small, okSmall := find(results, from)
	large, okLarge := find(results, to)
	if !okSmall || !okLarge {
		return
	}

	fmt.Fprintf(w, "\nscaling %s -> %s (ratio of median wall times and of mean CPU times):\n", from, to)
	for _, tool := range tools {
		a, okA := small.tools[tool]
		b, okB := large.tools[tool]
		if !okA || !okB || a.medianMS == 0 {
			continue
		}
		cpu := "-"
		if a.cpuMS > 0 {
			cpu = fmt.Sprintf("%.2fx", b.cpuMS/a.cpuMS)
		}
		fmt.Fprintf(w, "  %-9s wall %.2fx  CPU %s\n", tool, b.medianMS/a.medianMS, cpu)
	}
}

func printTargets(w io.Writer, results []caseResult) {
	fmt.Fprintln(w, "\ntargets:")

	if c, ok := find(results, preCommitCase); ok {
		berth, conftest := c.tools["berth"], c.tools["conftest"]
		check(w, berth.medianMS <= preCommitMaxMS,
			fmt.Sprintf("pre-commit (%s) berth median <= %d ms: %.1f ms", preCommitCase, preCommitMaxMS, berth.medianMS))
		check(w, berth.medianMS <= conftest.medianMS,
			fmt.Sprintf("pre-commit (%s) berth no slower than conftest: %.1f ms vs %.1f ms", preCommitCase, berth.medianMS, conftest.medianMS))
	}

	if c, ok := find(results, largeStackCase); ok {
		berth, conftest, loadFloor := c.tools["berth"], c.tools["conftest"], c.tools["loadfloor"]
		check(w, berth.medianMS <= conftest.medianMS,
			fmt.Sprintf("2,000 services (%s) berth no slower than conftest: %.1f ms vs %.1f ms", largeStackCase, berth.medianMS, conftest.medianMS))
		check(w, berth.peakRSSMB <= largeStackMaxRSSMB,
			fmt.Sprintf("2,000 services (%s) berth peak RSS <= %d MB: %.1f MB", largeStackCase, largeStackMaxRSSMB, berth.peakRSSMB))
		// The floor of this target is loading alone, with the libraries
		// berth loads with. The parse-only floor is printed for reference.
		check(w, loadFloor.medianMS > 0 && berth.medianMS <= maxFloorRatio*loadFloor.medianMS,
			fmt.Sprintf("2,000 services (%s) berth <= %.1f x load-only floor (compose-go and BuildKit): %s x", largeStackCase, maxFloorRatio, ratio(c, "berth", "loadfloor")))
	}

	staged, okStaged := find(results, stagedCase)
	single, okSingle := find(results, oneProjectCase)
	if okStaged && okSingle && single.tools["berth"].medianMS > 0 {
		factor := staged.tools["berth"].medianMS / single.tools["berth"].medianMS
		check(w, factor <= maxStagedRatio,
			fmt.Sprintf("pre-commit with one project's files staged in %s loads that project alone: %.1f ms, %.2f x the %s case (<= %.1f x)",
				largeStackCase, staged.tools["berth"].medianMS, factor, oneProjectCase, maxStagedRatio))
	}

	small, okSmall := find(results, scalingFromCase)
	large, okLarge := find(results, largeStackCase)
	if okSmall && okLarge && small.tools["berth"].medianMS > 0 && small.tools["berth"].cpuMS > 0 {
		factor := large.tools["berth"].medianMS / small.tools["berth"].medianMS
		cpuFactor := large.tools["berth"].cpuMS / small.tools["berth"].cpuMS
		check(w, factor <= maxTenfoldScaling,
			fmt.Sprintf("10 times the input (%s -> %s) takes <= %d times as long: %.2f x wall time (%.2f x CPU time)",
				scalingFromCase, largeStackCase, maxTenfoldScaling, factor, cpuFactor))
	}
}

func check(w io.Writer, met bool, text string) {
	verdict := "MISS"
	if met {
		verdict = "PASS"
	}
	fmt.Fprintf(w, "  %s  %s\n", verdict, text)
}

func ratio(c caseResult, a, b string) string {
	x, okA := c.tools[a]
	y, okB := c.tools[b]
	if !okA || !okB || y.medianMS == 0 {
		return notMeasured
	}

	return fmt.Sprintf("%.2f", x.medianMS/y.medianMS)
}

func find(results []caseResult, name string) (caseResult, bool) {
	for _, c := range results {
		if c.name == name {
			return c, true
		}
	}

	return caseResult{}, false
}
