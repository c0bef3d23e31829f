package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// tools are the commands timed in every case, in table order.
var tools = []string{"berth", "conftest", "floor", "loadfloor"}

// measurement is one tool's result in one case.
type measurement struct {
	medianMS float64
	runs     int

	// cpuMS is the mean user plus system CPU time. On a shared machine it
	// varies less than the wall time, which includes waiting for a core.
	cpuMS     float64
	peakRSSMB float64
}

// caseResult holds the measurements of one case by tool name.
type caseResult struct {
	name  string
	tools map[string]measurement
}

// hyperfineExport is the part of hyperfine's --export-json file that the
// table needs. Times are in seconds.
type hyperfineExport struct {
	Results []struct {
		Command string    `json:"command"`
		Median  float64   `json:"median"`
		User    float64   `json:"user"`
		System  float64   `json:"system"`
		Times   []float64 `json:"times"`
	} `json:"results"`
}

func load(dir string, cases []string) ([]caseResult, error) {
	var out []caseResult
	for _, name := range cases {
		c, err := loadCase(dir, name)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}

	return out, nil
}

func loadCase(dir, name string) (caseResult, error) {
	path := filepath.Join(dir, name+".json")
	raw, err := os.ReadFile(path)
	if err != nil {
		return caseResult{}, fmt.Errorf("read hyperfine results: %w", err)
	}
	var export hyperfineExport
	if err := json.Unmarshal(raw, &export); err != nil {
		return caseResult{}, fmt.Errorf("parse %s: %w", path, err)
	}

	c := caseResult{name: name, tools: map[string]measurement{}}
	for _, r := range export.Results {
		m := measurement{medianMS: r.Median * 1000, runs: len(r.Times), cpuMS: (r.User + r.System) * 1000}
		m.peakRSSMB, err = peakRSS(filepath.Join(dir, name+"."+r.Command+".rss"))
		if err != nil {
			return caseResult{}, err
		}
		c.tools[r.Command] = m
	}

	return c, nil
}

// peakRSS returns the largest of the KiB values in path, in MB (10^6
// bytes), the unit the targets use.
func peakRSS(path string) (float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("read peak RSS: %w", err)
	}
	defer f.Close()

	peak := 0.0
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		line := strings.TrimSpace(scanner.Text())
		if line == "" {
			continue
		}
		kib, err := strconv.ParseFloat(line, 64)
		if err != nil {
			return 0, fmt.Errorf("invalid peak RSS %q in %s: want KiB as a number", line, path)
		}
		peak = max(peak, kib*1024/1e6)
	}
	if err := scanner.Err(); err != nil {
		return 0, fmt.Errorf("read %s: %w", path, err)
	}

	return peak, nil
}
