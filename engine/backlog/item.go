package backlog

import (
	"slices"

	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/berth-policy/berth/engine/input"
)

var (
	priorities = []string{"P0", "P1", "P2", "P3"}
	statuses   = []string{StatusOpen, StatusDone, StatusWontfix}
)

// decodeItem decodes an item block whose label is a known rule id. Fields
// that the block leaves out or sets to an invalid value come from the rule.
func (d *decoder) decodeItem(block *hclsyntax.Block, attributes map[string]*hclsyntax.Attribute) input.Item {
	rule := d.rules[block.Labels[0]]
	item := schemaItem(rule)
	item.Location = d.src.location(block.TypeRange)

	if task, ok := d.stringValue(attributes["task"]); ok {
		item.Task = task
	}

	if owner, ok := d.stringValue(attributes["owner"]); ok {
		item.Owner = owner
	}

	if priority, ok := d.stringValue(attributes["priority"]); ok {
		if slices.Contains(priorities, priority) {
			item.Priority = priority
		} else {
			d.errorf(attributes["priority"].SrcRange, "invalid priority %q; expected %s", priority, orList(priorities))
		}
	}

	if status, ok := d.stringValue(attributes["status"]); ok {
		if slices.Contains(statuses, status) {
			item.Status = status
		} else {
			d.errorf(attributes["status"].SrcRange, "invalid status %q; expected %s", status, orList(statuses))
		}
	}

	if attribute := attributes["params"]; attribute != nil {
		item.Params = d.decodeParams(attribute, rule)
	}

	return item
}

// schemaItem returns the item of a rule that the backlog file declares
// without setting every field: task and priority come from the rule, the
// owner from the built-in backlog.
func schemaItem(rule RuleSchema) input.Item {
	item := input.Item{
		ID:       rule.ID,
		Task:     rule.Title,
		Priority: rule.Priority,
		Status:   StatusOpen,
		Params:   map[string]any{},
	}

	row, known := findDefaultItem(rule.ID)
	if !known {
		return item
	}

	item.Owner = row.owner
	if item.Task == "" {
		item.Task = row.task
	}

	if item.Priority == "" {
		item.Priority = row.priority
	}

	return item
}

// missingItem returns the item of a rule that the backlog file does not
// declare: the built-in item when there is one, otherwise the rule's title
// and priority.
func missingItem(rule RuleSchema) input.Item {
	row, known := findDefaultItem(rule.ID)
	if known {
		return row.item()
	}

	return schemaItem(rule)
}
