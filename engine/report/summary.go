package report

import "github.com/berth-policy/berth/engine/finding"

// summary counts the findings of a report. Level counts cover findings
// that are not suppressed.
type summary struct {
	Error      int `json:"error"`
	Warning    int `json:"warning"`
	Note       int `json:"note"`
	None       int `json:"none"`
	Suppressed int `json:"suppressed"`
	LoadErrors int `json:"load_errors"`

	// Files is the number of distinct files with a finding that is not
	// suppressed.
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
