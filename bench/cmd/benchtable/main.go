// Command benchtable prints the results of bench/run.sh as one table and
// checks them against berth's performance targets.
//
// Usage:
//
//	benchtable -dir DIR CASE...
//
// For each CASE, DIR holds CASE.json, exported by hyperfine with commands
// named berth, conftest, floor and loadfloor (a case may time only some of
// them), and CASE.TOOL.rss with the peak resident set size in KiB of each
// run, one number per line. The cases named 10x and 100x give the scaling
// factor, the cases blueprint and 100x are checked against the targets,
// and the case staged is compared with 1x.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	dir := flag.String("dir", "", "folder with the hyperfine JSON files and RSS files (required)")
	flag.Parse()
	if *dir == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: benchtable -dir DIR CASE...")
		os.Exit(2)
	}

	results, err := load(*dir, flag.Args())
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}

	printTable(os.Stdout, results)
	printScaling(os.Stdout, results, "10x", "100x")
	printTargets(os.Stdout, results)
}
