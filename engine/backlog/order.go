package backlog

import (
	"strconv"
	"strings"
)

// compareIDs orders rule ids naturally, so that C-2 comes before C-10. Ids
// are compared by the text before their trailing digits, then by the number.
func compareIDs(a, b string) int {
	prefixA, numberA := splitID(a)
	prefixB, numberB := splitID(b)

	if prefixA != prefixB {
		return strings.Compare(prefixA, prefixB)
	}

	if numberA != numberB {
		if numberA < numberB {
			return -1
		}

		return 1
	}

	return strings.Compare(a, b)
}

// splitID splits an id into its prefix and trailing number, which is -1 when
// the id does not end in digits.
func splitID(id string) (string, int) {
	end := len(id)
	for end > 0 && id[end-1] >= '0' && id[end-1] <= '9' {
		end--
	}

	number, err := strconv.Atoi(id[end:])
	if err != nil {
		return id, -1
	}

	return id[:end], number
}
