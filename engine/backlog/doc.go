// Package backlog loads the remediation backlog, berth.hcl, that configures
// the rules: one item per rule with its task, owner, priority, status and
// parameters, plus the image families, hosts, waivers and QoS requirements
// that some rules read.
//
// Load reports every problem it finds as an input.LoadError that points at
// the offending label, attribute name or parameter key. Default is the
// backlog used when a repository has none. ImportMarkdown and Markdown
// convert between berth.hcl and the Markdown table that teams keep by hand.
package backlog
