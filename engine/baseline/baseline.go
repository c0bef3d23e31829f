// Package baseline compares findings with the results of an earlier SARIF
// log. Findings it already has are marked unchanged, and berth check does
// not count them toward its exit status.
package baseline

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/report"
)

// Baseline is the set of results of an earlier run.
type Baseline struct {
	keys map[string]bool
}

// sarifLog is the part of a SARIF log a baseline needs.
type sarifLog struct {
	Version string `json:"version"`
	Runs    []struct {
		Results []struct {
			RuleID  string `json:"ruleId"`
			Message struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
	} `json:"runs"`
}

// Load reads the results of the SARIF log at path.
func Load(path string) (Baseline, error) {
	content, err := os.ReadFile(path)
	if err != nil {
		return Baseline{}, fmt.Errorf("read baseline: %w", err)
	}

	var log sarifLog
	if err := json.Unmarshal(content, &log); err != nil {
		return Baseline{}, fmt.Errorf("read baseline %s: not a SARIF log: %w", path, err)
	}

	// Any JSON object decodes into sarifLog, so a file without SARIF's
	// version and runs would silently make every finding new.
	if log.Version != "2.1.0" || log.Runs == nil {
		return Baseline{}, fmt.Errorf("read baseline %s: not a SARIF 2.1.0 log (it needs \"version\": \"2.1.0\" and a runs array); write one with berth check -o baseline.sarif", path)
	}

	b := Baseline{keys: map[string]bool{}}
	for _, run := range log.Runs {
		for _, r := range run.Results {
			uri := ""
			if len(r.Locations) > 0 {
				uri = r.Locations[0].PhysicalLocation.ArtifactLocation.URI
				if decoded, err := url.PathUnescape(uri); err == nil {
					uri = decoded
				}
			}
			b.keys[key(r.RuleID, uri, r.PartialFingerprints["primaryLocationLineHash"], r.Message.Text)] = true
		}
	}

	return b, nil
}

// Apply marks each finding "unchanged" when the baseline has a result of
// the same rule in the same file whose line has the same fingerprint, so
// that moving lines does not make a finding new. When either side has no
// fingerprint, the message is compared instead. Every other finding is
// marked "new".
func (b Baseline) Apply(root string, findings []finding.Finding) []finding.Finding {
	hashes := map[string][]string{}
	for i, f := range findings {
		file := f.Location.File
		lines, ok := hashes[file]
		if !ok {
			lines = readHashes(root, file)
			hashes[file] = lines
		}

		hash := ""
		if line := max(f.Location.Line, 1); line <= len(lines) {
			hash = lines[line-1]
		}

		findings[i].BaselineState = finding.BaselineNew
		if b.keys[key(f.RuleID, file, hash, f.Message)] {
			findings[i].BaselineState = finding.BaselineUnchanged
		}
	}

	return findings
}

// key identifies a result by rule, file and line fingerprint, or by
// message when there is no fingerprint.
func key(rule, uri, hash, message string) string {
	if hash != "" {
		return rule + "\x00" + uri + "\x00" + hash
	}

	return rule + "\x00" + uri + "\x00\x00" + message
}

func readHashes(root, file string) []string {
	if file == "" {
		return nil
	}

	path := file
	if !filepath.IsAbs(path) {
		path = filepath.Join(root, filepath.FromSlash(file))
	}

	content, err := os.ReadFile(path)
	if err != nil {
		return nil
	}

	return report.LineHashes(content)
}
