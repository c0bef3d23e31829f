package backlog

import (
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/berth-policy/berth/engine/input"
)

// decodeQoS decodes a qos block. The service name is kept as written,
// because rules match it ignoring case and separators.
func (d *decoder) decodeQoS(block *hclsyntax.Block, attributes map[string]*hclsyntax.Attribute) input.QoS {
	qos := input.QoS{
		Service:  block.Labels[0],
		Location: d.src.location(block.TypeRange),
	}

	qos.LatencyMS = d.millisecondsValue(attributes["latency_ms"])
	qos.JitterMS = d.millisecondsValue(attributes["jitter_ms"])

	return qos
}

// millisecondsValue decodes a duration in milliseconds, which must not be
// negative. It returns nil when the attribute is absent or invalid.
func (d *decoder) millisecondsValue(attribute *hclsyntax.Attribute) *float64 {
	milliseconds, ok := d.numberValue(attribute)
	if !ok {
		return nil
	}

	if milliseconds < 0 {
		d.errorf(attribute.SrcRange, "%s must be zero or more, not %g", attribute.Name, milliseconds)
		return nil
	}

	return &milliseconds
}
