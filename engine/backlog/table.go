package backlog

import (
	"regexp"
	"strings"
)

// tableRow is one row of a Markdown table with its 1-based line number.
type tableRow struct {
	line  int
	cells []string
}

// markdownTable is a Markdown pipe table.
type markdownTable struct {
	header tableRow
	rows   []tableRow
}

// separatorCell matches a cell of the row under a table header, such as ---
// or :---:.
var separatorCell = regexp.MustCompile(`^:?-+:?$`)

// parseTables returns the pipe tables of a Markdown document: a header row,
// a separator row, then the rows up to the first line that is not a table
// row.
func parseTables(content string) []markdownTable {
	lines := strings.Split(strings.ReplaceAll(content, "\r\n", "\n"), "\n")

	var tables []markdownTable
	for index := 0; index+1 < len(lines); index++ {
		if !isTableLine(lines[index]) || !isSeparator(lines[index+1]) {
			continue
		}

		table := markdownTable{header: tableRow{line: index + 1, cells: splitRow(lines[index])}}
		index += 2
		for index < len(lines) && isTableLine(lines[index]) {
			table.rows = append(table.rows, tableRow{line: index + 1, cells: splitRow(lines[index])})
			index++
		}

		tables = append(tables, table)
	}

	return tables
}

func isTableLine(line string) bool {
	return strings.HasPrefix(strings.TrimSpace(line), "|")
}

func isSeparator(line string) bool {
	if !isTableLine(line) {
		return false
	}

	for _, cell := range splitRow(line) {
		if !separatorCell.MatchString(cell) {
			return false
		}
	}

	return true
}

// splitRow splits a table row into trimmed cells. A pipe written as \| is
// part of its cell.
func splitRow(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	if strings.HasSuffix(line, "|") && !strings.HasSuffix(line, `\|`) {
		line = line[:len(line)-1]
	}

	var cells []string
	var cell strings.Builder
	for index := 0; index < len(line); index++ {
		switch {
		case line[index] == '\\' && index+1 < len(line) && line[index+1] == '|':
			cell.WriteByte('|')
			index++
		case line[index] == '|':
			cells = append(cells, strings.TrimSpace(cell.String()))
			cell.Reset()
		default:
			cell.WriteByte(line[index])
		}
	}

	return append(cells, strings.TrimSpace(cell.String()))
}

// cellEscaper keeps text in one table cell: it escapes pipes and turns line
// breaks into spaces.
var cellEscaper = strings.NewReplacer("|", `\|`, "\r\n", " ", "\n", " ", "\r", " ")
