package backlog

import "github.com/berth-policy/berth/engine/input"

// Status values of an item.
const (
	StatusOpen    = "open"
	StatusDone    = "done"
	StatusWontfix = "wontfix"
)

// Default returns the built-in backlog that berth uses when a repository has
// no berth.hcl: the items C-1 to C-20, open and without parameters so that
// every rule uses its defaults, and the families family-cpu-pydeps,
// family-cuda and family-vision-cu121. It has no hosts, waivers or QoS
// requirements.
func Default() input.Backlog {
	backlog := emptyBacklog("")
	backlog.Name = "default"

	for _, row := range defaultItems {
		backlog.Items[row.id] = row.item()
	}

	for _, family := range defaultFamilies {
		backlog.Families = append(backlog.Families, input.Family{Name: family.name, GPU: family.gpu})
	}

	return backlog
}

// item returns the row as an open item without parameters.
func (row defaultItem) item() input.Item {
	return input.Item{
		ID:       row.id,
		Task:     row.task,
		Owner:    row.owner,
		Priority: row.priority,
		Status:   StatusOpen,
		Params:   map[string]any{},
	}
}

// findDefaultItem returns the built-in row for a rule id.
func findDefaultItem(id string) (defaultItem, bool) {
	for _, row := range defaultItems {
		if row.id == id {
			return row, true
		}
	}

	return defaultItem{}, false
}

// emptyBacklog returns a backlog whose maps and lists are empty rather than
// nil, so that they marshal to {} and [] and policies can iterate them.
func emptyBacklog(path string) input.Backlog {
	return input.Backlog{
		Path:     path,
		Items:    map[string]input.Item{},
		Families: []input.Family{},
		Hosts:    []input.Host{},
		Waivers:  []input.Waiver{},
		QoS:      []input.QoS{},
	}
}
