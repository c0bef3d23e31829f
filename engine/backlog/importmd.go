package backlog

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// ErrNoTable is returned by ImportMarkdown when the document has no table
// with the columns ID, Task, Owner, Priority and Status.
var ErrNoTable = errors.New("no backlog table found: expected a Markdown table with the columns ID, Task, Owner, Priority and Status")

// tableColumns are the indexes of the backlog columns in a table.
type tableColumns struct {
	id, task, owner, priority, status int
}

// importedItem is one row of a Markdown backlog.
type importedItem struct {
	id, task, owner, priority, status string
}

// ImportMarkdown converts a Markdown backlog table into berth.hcl text, one
// item block per row. The table needs the columns ID, Task, Owner, Priority
// and Status in any order. A header cell matches when it contains the
// column's word in any case, so "Owner Role" is the owner column. A status
// of - [ ] becomes "open" and - [x] "done", and either one followed by the
// word wontfix becomes "wontfix". Tasks are kept as written, backticks
// included.
//
// The first table with those columns is converted. ImportMarkdown returns
// ErrNoTable when there is none, and otherwise an error that lists every
// invalid row by line number.
func ImportMarkdown(content []byte) ([]byte, error) {
	if !utf8.Valid(content) {
		return nil, errors.New("invalid Markdown backlog: the content is not valid UTF-8")
	}

	table, columns, found := findBacklogTable(string(content))
	if !found {
		return nil, ErrNoTable
	}

	items, err := importRows(table, columns)
	if err != nil {
		return nil, fmt.Errorf("invalid Markdown backlog table: %w", err)
	}

	return writeItems(items), nil
}

// findBacklogTable returns the first table that has every backlog column.
func findBacklogTable(content string) (markdownTable, tableColumns, bool) {
	for _, table := range parseTables(content) {
		if columns, ok := findColumns(table.header.cells); ok {
			return table, columns, true
		}
	}

	return markdownTable{}, tableColumns{}, false
}

// findColumns finds the backlog columns among header cells.
func findColumns(header []string) (tableColumns, bool) {
	find := func(match func(string) bool) int {
		return slices.IndexFunc(header, func(cell string) bool {
			return match(strings.ToLower(cell))
		})
	}

	columns := tableColumns{
		id:       find(func(cell string) bool { return cell == "id" }),
		task:     find(func(cell string) bool { return strings.Contains(cell, "task") }),
		owner:    find(func(cell string) bool { return strings.Contains(cell, "owner") }),
		priority: find(func(cell string) bool { return strings.Contains(cell, "priority") }),
		status:   find(func(cell string) bool { return strings.Contains(cell, "status") }),
	}

	found := columns.id >= 0 && columns.task >= 0 && columns.owner >= 0 && columns.priority >= 0 && columns.status >= 0

	return columns, found
}

// importRows converts the rows of the table, collecting every invalid row.
func importRows(table markdownTable, columns tableColumns) ([]importedItem, error) {
	var items []importedItem
	var problems []error
	firstLines := map[string]int{}

	for _, row := range table.rows {
		item, err := importRow(row, columns)
		if err != nil {
			problems = append(problems, err)
			continue
		}

		if first, duplicate := firstLines[item.id]; duplicate {
			problems = append(problems, fmt.Errorf("line %d: duplicate ID %s; it is already on line %d", row.line, item.id, first))
			continue
		}
		firstLines[item.id] = row.line

		items = append(items, item)
	}

	return items, errors.Join(problems...)
}

// importRow converts one table row.
func importRow(row tableRow, columns tableColumns) (importedItem, error) {
	width := max(columns.id, columns.task, columns.owner, columns.priority, columns.status) + 1
	if len(row.cells) < width {
		return importedItem{}, fmt.Errorf("line %d: expected %d cells, found %d", row.line, width, len(row.cells))
	}

	item := importedItem{
		id:       row.cells[columns.id],
		task:     row.cells[columns.task],
		owner:    row.cells[columns.owner],
		priority: row.cells[columns.priority],
	}

	if item.id == "" {
		return importedItem{}, fmt.Errorf("line %d: the ID cell is empty; write a rule id such as C-6", row.line)
	}

	if !slices.Contains(priorities, item.priority) {
		return importedItem{}, fmt.Errorf("line %d: invalid priority %q for %s; expected %s",
			row.line, item.priority, item.id, orList(priorities))
	}

	status, ok := parseCheckbox(row.cells[columns.status])
	if !ok {
		return importedItem{}, fmt.Errorf("line %d: invalid status %q for %s; write - [ ] for open or - [x] for done",
			row.line, row.cells[columns.status], item.id)
	}
	item.status = status

	return item, nil
}

// parseCheckbox reads a status cell: a task-list checkbox, with or without
// the leading "- ", optionally followed by the word wontfix.
func parseCheckbox(cell string) (string, bool) {
	cell = strings.TrimSpace(strings.TrimPrefix(cell, "-"))

	var status string
	switch {
	case strings.HasPrefix(cell, "[ ]"):
		status = StatusOpen
	case strings.HasPrefix(cell, "[x]"), strings.HasPrefix(cell, "[X]"):
		status = StatusDone
	default:
		return "", false
	}

	switch strings.ToLower(strings.TrimSpace(cell[3:])) {
	case "":
		return status, true
	case StatusWontfix:
		return StatusWontfix, true
	default:
		return "", false
	}
}

// writeItems formats items as berth.hcl text.
func writeItems(items []importedItem) []byte {
	file := hclwrite.NewEmptyFile()
	body := file.Body()

	for index, item := range items {
		if index > 0 {
			body.AppendNewline()
		}

		block := body.AppendNewBlock("item", []string{item.id}).Body()
		if item.task != "" {
			block.SetAttributeValue("task", cty.StringVal(item.task))
		}

		if item.owner != "" {
			block.SetAttributeValue("owner", cty.StringVal(item.owner))
		}

		block.SetAttributeValue("priority", cty.StringVal(item.priority))
		block.SetAttributeValue("status", cty.StringVal(item.status))
	}

	return hclwrite.Format(file.Bytes())
}
