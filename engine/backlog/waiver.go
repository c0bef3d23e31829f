package backlog

import (
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/berth-policy/berth/engine/input"
)

// dateLayout is the YYYY-MM-DD form of expiry dates.
const dateLayout = "2006-01-02"

// decodeWaiver decodes a waiver block. It returns false when the block has
// any error, such as an unknown rule, a missing reason or an unreadable
// expiry date. A waiver that is only partly understood could suppress more
// findings, or for longer, than its authors meant.
func (d *decoder) decodeWaiver(block *hclsyntax.Block, attributes map[string]*hclsyntax.Attribute) (input.Waiver, bool) {
	errorCount := len(d.errors)
	waiver := input.Waiver{
		Rule:     block.Labels[0],
		Services: []string{},
		Files:    []string{},
		Location: d.src.location(block.TypeRange),
	}

	if _, known := d.rules[waiver.Rule]; !known {
		d.errorf(block.LabelRanges[0], "waiver for unknown rule id %q; %s", waiver.Rule, d.expectedRules())
	}

	if services, ok := d.stringListValue(attributes["services"]); ok {
		waiver.Services = services
	}

	if files, ok := d.stringListValue(attributes["files"]); ok {
		waiver.Files = files
	}

	d.decodeReason(block, attributes["reason"], &waiver)

	if expires, ok := d.stringValue(attributes["expires"]); ok && expires != "" {
		if _, err := time.Parse(dateLayout, expires); err != nil {
			d.errorf(attributes["expires"].SrcRange, "invalid expires date %q; write a date as YYYY-MM-DD, such as 2027-01-31", expires)
		} else {
			waiver.Expires = expires
		}
	}

	return waiver, len(d.errors) == errorCount
}

// decodeReason sets the waiver's reason, which must be present and not
// blank. A missing reason is reported at the block's label.
func (d *decoder) decodeReason(block *hclsyntax.Block, attribute *hclsyntax.Attribute, waiver *input.Waiver) {
	errorCount := len(d.errors)
	reason, ok := d.stringValue(attribute)

	switch {
	case !ok && len(d.errors) > errorCount:
		// stringValue has reported the invalid value.
	case !ok:
		d.errorf(block.LabelRanges[0], "waiver for %s has no reason; add reason = \"why the findings are acceptable\"", waiver.Rule)
	case strings.TrimSpace(reason) == "":
		d.errorf(attribute.SrcRange, "reason is empty; say why the findings are acceptable")
	default:
		waiver.Reason = reason
	}
}
