package backlog

import (
	"maps"
	"slices"
	"strings"

	"github.com/berth-policy/berth/engine/input"
)

// markdownHeader is the header and separator of the team's backlog table.
const markdownHeader = "| ID | Task (Condensed) | Owner Role | Priority | Status |\n" +
	"|----|------------------|------------|----------|--------|\n"

// Markdown renders the backlog as a Markdown table with the columns ID, Task
// (Condensed), Owner Role, Priority and Status, one row per item in natural
// id order.
//
// The status checkbox comes from measured, which maps rule ids to their
// number of findings: an item with zero findings is - [x] and any other
// count is - [ ]. An item missing from measured keeps its declared status,
// checked when done. A wontfix item is followed by the word wontfix, which
// ImportMarkdown reads back.
func Markdown(b input.Backlog, measured map[string]int) string {
	var table strings.Builder
	table.WriteString(markdownHeader)

	for _, id := range slices.SortedFunc(maps.Keys(b.Items), compareIDs) {
		item := b.Items[id]
		cells := []string{
			cellEscaper.Replace(id),
			cellEscaper.Replace(item.Task),
			cellEscaper.Replace(item.Owner),
			cellEscaper.Replace(item.Priority),
			statusCell(id, item, measured),
		}

		table.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}

	return table.String()
}

// statusCell renders the checkbox of one item.
func statusCell(id string, item input.Item, measured map[string]int) string {
	done := item.Status == StatusDone
	if findings, ok := measured[id]; ok {
		done = findings == 0
	}

	cell := "- [ ]"
	if done {
		cell = "- [x]"
	}

	if item.Status == StatusWontfix {
		cell += " " + StatusWontfix
	}

	return cell
}
