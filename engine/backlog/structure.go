package backlog

import (
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// blockSpec describes one block type of the backlog file.
type blockSpec struct {
	typeName string

	// label names the block's only label in messages, such as "rule id".
	label string

	// example is a block header to show in messages about labels.
	example string

	attributes []string
}

// blockSpecs lists the top-level block types in the order that messages name
// them.
var blockSpecs = []blockSpec{
	{typeName: "backlog", label: "name", example: `backlog "docker-blueprint" { ... }`, attributes: []string{"version"}},
	{typeName: "item", label: "rule id", example: `item "C-6" { ... }`, attributes: []string{"task", "owner", "priority", "status", "params"}},
	{typeName: "family", label: "family name", example: `family "family-cpu-pydeps" { ... }`, attributes: []string{"gpu", "image"}},
	{typeName: "host", label: "host name", example: `host "mainpc" { ... }`, attributes: []string{"compose"}},
	{typeName: "waiver", label: "rule id", example: `waiver "C-6" { ... }`, attributes: []string{"services", "files", "reason", "expires"}},
	{typeName: "qos", label: "service name", example: `qos "streaming-audio" { ... }`, attributes: []string{"latency_ms", "jitter_ms"}},
}

// findBlockSpec returns the spec of a top-level block type.
func findBlockSpec(typeName string) (blockSpec, bool) {
	for _, spec := range blockSpecs {
		if spec.typeName == typeName {
			return spec, true
		}
	}

	return blockSpec{}, false
}

// blockTypeNames returns the top-level block types for messages.
func blockTypeNames() []string {
	names := make([]string, 0, len(blockSpecs))
	for _, spec := range blockSpecs {
		names = append(names, spec.typeName)
	}

	return names
}

// checkLabel reports a block without exactly one non-empty label and returns
// whether the label can be used.
func (d *decoder) checkLabel(block *hclsyntax.Block, spec blockSpec) bool {
	switch {
	case len(block.Labels) == 0:
		d.errorf(block.TypeRange, "%s block has no %s; write %s", spec.typeName, spec.label, spec.example)
		return false
	case len(block.Labels) > 1:
		d.errorf(block.LabelRanges[1], "%s block has more than one label; write %s", spec.typeName, spec.example)
		return false
	case strings.TrimSpace(block.Labels[0]) == "":
		d.errorf(block.LabelRanges[0], "%s block has an empty %s; write %s", spec.typeName, spec.label, spec.example)
		return false
	}

	return true
}

// checkBody reports nested blocks and unknown attributes in the body of a
// top-level block, and returns the known attributes by name.
func (d *decoder) checkBody(body *hclsyntax.Body, spec blockSpec) map[string]*hclsyntax.Attribute {
	known := make(map[string]*hclsyntax.Attribute, len(body.Attributes))
	for _, attribute := range sortedAttributes(body) {
		if !slices.Contains(spec.attributes, attribute.Name) {
			d.errorf(attribute.NameRange, "unknown attribute %q in %s block; expected %s",
				attribute.Name, spec.typeName, orList(spec.attributes))
			continue
		}

		known[attribute.Name] = attribute
	}

	for _, block := range body.Blocks {
		if slices.Contains(spec.attributes, block.Type) {
			d.errorf(block.TypeRange, "%s is an attribute, not a block; write %s = ...", block.Type, block.Type)
			continue
		}

		d.errorf(block.TypeRange, "unknown block type %q in %s block; %s blocks contain only the attributes %s",
			block.Type, spec.typeName, spec.typeName, andList(spec.attributes))
	}

	return known
}

// sortedAttributes returns the attributes of body in source order.
func sortedAttributes(body *hclsyntax.Body) []*hclsyntax.Attribute {
	attributes := make([]*hclsyntax.Attribute, 0, len(body.Attributes))
	for _, attribute := range body.Attributes {
		attributes = append(attributes, attribute)
	}

	sort.Slice(attributes, func(i, j int) bool {
		return attributes[i].NameRange.Start.Byte < attributes[j].NameRange.Start.Byte
	})

	return attributes
}

// orList joins names as "a, b or c".
func orList(names []string) string {
	return joinList(names, "or")
}

// andList joins names as "a, b and c".
func andList(names []string) string {
	return joinList(names, "and")
}

func joinList(names []string, conjunction string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}

	return strings.Join(names[:len(names)-1], ", ") + " " + conjunction + " " + names[len(names)-1]
}
