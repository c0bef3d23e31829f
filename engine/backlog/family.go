package backlog

import (
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/berth-policy/berth/engine/input"
)

// decodeFamily decodes a family block. gpu defaults to false.
func (d *decoder) decodeFamily(block *hclsyntax.Block, attributes map[string]*hclsyntax.Attribute) input.Family {
	family := input.Family{
		Name:     block.Labels[0],
		Location: d.src.location(block.TypeRange),
	}

	if gpu, ok := d.boolValue(attributes["gpu"]); ok {
		family.GPU = gpu
	}

	if image, ok := d.stringValue(attributes["image"]); ok {
		family.Image = image
	}

	return family
}
