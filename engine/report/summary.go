package report

import "github.com/berth-policy/berth/engine/finding"

// summary counts the findings of a report. Level counts cover findings
// that can fail a run: neither suppressed nor unchanged since a baseline.
type summary struct {
	Error      int `json:"error"`
	Warning    int `json:"warning"`
	Note       int `json:"note"`
	None       int `json:"none"`
	Suppressed int `json:"suppressed"`
	Unchanged  int `json:"unchanged,omitempty"`
	LoadErrors int `json:"load_errors"`

	// Files is the number of distinct files with a finding that counts.
	Files int `json:"files"`
}

func summarize(r finding.Report) summary {
	s := summary{LoadErrors: len(r.Errors)}
	files := make(map[string]bool)

	for _, f := range r.Findings {
		if f.Suppression != nil {
			s.Suppressed++

			continue
		}
		if f.BaselineState == finding.BaselineUnchanged {
			s.Unchanged++

			continue
		}

		files[f.Location.File] = true

		switch f.Level {
		case finding.LevelError:
			s.Error++
		case finding.LevelWarning:
			s.Warning++
		case finding.LevelNote:
			s.Note++
		default:
			s.None++
		}
	}

	s.Files = len(files)

	return s
}
