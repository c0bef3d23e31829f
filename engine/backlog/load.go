package backlog

import (
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/berth-policy/berth/engine/input"
)

// Load decodes a backlog file. path is the slash-separated path of the file
// relative to the root of the run, used in every location.
//
// Load returns every problem it finds, each with the file, line and column
// (1-based, in UTF-16 code units) of the offending label, attribute or
// parameter key. It still returns a complete backlog. An invalid value is
// left at its default, an invalid waiver is dropped, and a file with syntax
// errors is treated as empty. Every rule in rules has an item, whether or
// not the file declares it.
func Load(path string, content []byte, rules []RuleSchema) (backlog input.Backlog, loadErrors []input.LoadError) {
	d := &decoder{src: newSource(path, content), rules: indexRules(rules)}
	backlog = emptyBacklog(path)

	// The parser is third-party code, and a panic in it must not end a
	// check run that has other files to report on.
	defer func() {
		if recovered := recover(); recovered != nil {
			backlog = emptyBacklog(path)
			d.addMissingItems(&backlog)
			loadErrors = []input.LoadError{{
				Location: input.Location{File: path},
				Message:  fmt.Sprintf("failed to parse the backlog: %v", recovered),
			}}
		}
	}()

	file, diags := hclsyntax.ParseConfig(content, path, hcl.InitialPos)
	if d.addDiagnostics(diags) {
		// A body with syntax errors is incomplete, and decoding it would
		// add errors that only repeat the syntax error.
		d.addMissingItems(&backlog)
		return backlog, d.sortedErrors()
	}

	body, ok := file.Body.(*hclsyntax.Body)
	if !ok {
		d.addMissingItems(&backlog)
		return backlog, []input.LoadError{{Location: input.Location{File: path}, Message: "failed to parse the backlog: unexpected body type"}}
	}

	d.decodeBody(body, &backlog)
	d.addMissingItems(&backlog)

	return backlog, d.sortedErrors()
}

// decodeBody decodes the top-level blocks into backlog.
func (d *decoder) decodeBody(body *hclsyntax.Body, backlog *input.Backlog) {
	for _, attribute := range sortedAttributes(body) {
		d.errorf(attribute.NameRange, "unexpected attribute %q at the top level; a backlog file contains only %s blocks",
			attribute.Name, andList(blockTypeNames()))
	}

	// firstBlocks maps each block type and label to the label's range, to
	// report duplicates. A backlog file has one backlog block whatever
	// its label.
	firstBlocks := map[string]hcl.Range{}

	for _, block := range body.Blocks {
		spec, known := findBlockSpec(block.Type)
		if !known {
			d.errorf(block.TypeRange, "unknown block type %q; expected %s", block.Type, orList(blockTypeNames()))
			continue
		}

		attributes := d.checkBody(block.Body, spec)
		if !d.checkLabel(block, spec) {
			continue
		}

		if block.Type == "item" && !d.checkRuleID(block) {
			continue
		}

		// A duplicate is still decoded, into a backlog that is thrown
		// away, so that its other errors are reported too.
		target := backlog
		if block.Type != "waiver" && d.isDuplicate(block, firstBlocks) {
			discarded := emptyBacklog("")
			target = &discarded
		}

		d.decodeBlock(block, attributes, target)
	}
}

// decodeBlock decodes one top-level block with a valid label.
func (d *decoder) decodeBlock(block *hclsyntax.Block, attributes map[string]*hclsyntax.Attribute, backlog *input.Backlog) {
	switch block.Type {
	case "backlog":
		backlog.Name = block.Labels[0]
		if version, ok := d.stringValue(attributes["version"]); ok {
			backlog.Version = version
		}
	case "item":
		item := d.decodeItem(block, attributes)
		backlog.Items[item.ID] = item
	case "family":
		backlog.Families = append(backlog.Families, d.decodeFamily(block, attributes))
	case "host":
		backlog.Hosts = append(backlog.Hosts, d.decodeHost(block, attributes))
	case "waiver":
		if waiver, ok := d.decodeWaiver(block, attributes); ok {
			backlog.Waivers = append(backlog.Waivers, waiver)
		}
	case "qos":
		backlog.QoS = append(backlog.QoS, d.decodeQoS(block, attributes))
	}
}

// checkRuleID reports an item whose label is not a known rule id.
func (d *decoder) checkRuleID(block *hclsyntax.Block) bool {
	if _, known := d.rules[block.Labels[0]]; known {
		return true
	}

	d.errorf(block.LabelRanges[0], "unknown rule id %q; %s", block.Labels[0], d.expectedRules())

	return false
}

// isDuplicate reports a block whose type and label appeared before.
func (d *decoder) isDuplicate(block *hclsyntax.Block, firstBlocks map[string]hcl.Range) bool {
	key := block.Type + "\x00" + block.Labels[0]
	if block.Type == "backlog" {
		key = block.Type
	}

	first, seen := firstBlocks[key]
	if !seen {
		firstBlocks[key] = block.LabelRanges[0]
		return false
	}

	if block.Type == "backlog" {
		d.errorf(block.TypeRange, "duplicate backlog block; a file has one, and the first is on line %d", first.Start.Line)
	} else {
		d.errorf(block.LabelRanges[0], "duplicate %s %q; it is already declared on line %d, so merge the two blocks",
			block.Type, block.Labels[0], first.Start.Line)
	}

	return true
}

// addMissingItems gives every rule that the file does not declare an item.
func (d *decoder) addMissingItems(backlog *input.Backlog) {
	for id, rule := range d.rules {
		if _, declared := backlog.Items[id]; !declared {
			backlog.Items[id] = missingItem(rule)
		}
	}
}

// ruleIDs returns the known rule ids in natural order.
func (d *decoder) ruleIDs() []string {
	return slices.SortedFunc(maps.Keys(d.rules), compareIDs)
}

// expectedRules lists the known rule ids for messages.
func (d *decoder) expectedRules() string {
	ids := d.ruleIDs()
	if len(ids) == 0 {
		return "no rules are loaded"
	}

	return "expected " + orList(ids)
}

// indexRules maps rules by id. A later rule with the same id wins.
func indexRules(rules []RuleSchema) map[string]RuleSchema {
	index := make(map[string]RuleSchema, len(rules))
	for _, rule := range rules {
		index[rule.ID] = rule
	}

	return index
}
