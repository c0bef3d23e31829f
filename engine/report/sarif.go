package report

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/berth-policy/berth/engine/finding"
)

const (
	// sarifSchemaURI is the $id of the OASIS SARIF 2.1.0 schema (errata 01).
	// The VS Code SARIF Viewer accepts a log when the last path segment of
	// $schema is sarif-schema-2.1.0.json (loadLogs.ts in
	// microsoft/sarif-vscode-extension).
	sarifSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

	// sourceRootID is the uriBaseId of every relative artifact location.
	sourceRootID = "%SRCROOT%"

	toolName = "berth"
)

// semverPattern matches a Semantic Versioning 2.0.0 version without a
// leading v: core numbers without leading zeros, optional pre-release and
// build parts.
var semverPattern = regexp.MustCompile(`^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)` +
	`(-(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?` +
	`(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$`)

// sarifReporter writes a SARIF 2.1.0 log with one run, for GitHub code
// scanning and SARIF viewers. The same report always gives the same bytes.
type sarifReporter struct {
	opts Options
}

func newSARIFReporter(opts Options) (*sarifReporter, error) {
	if err := checkSourceRootURI(opts.SourceRootURI); err != nil {
		return nil, err
	}

	if opts.AutomationID == "" {
		opts.AutomationID = DefaultAutomationID
	}

	return &sarifReporter{opts: opts}, nil
}

func (s *sarifReporter) Write(w io.Writer, r finding.Report) error {
	log, err := s.build(r)
	if err != nil {
		return err
	}

	raw, err := json.Marshal(log)
	if err != nil {
		return fmt.Errorf("encode SARIF log: %w", err)
	}

	out, err := compactSARIF(raw)
	if err != nil {
		return err
	}

	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("write SARIF log: %w", err)
	}

	return nil
}

// build converts the report to the go-sarif object model.
func (s *sarifReporter) build(r finding.Report) (*sarif.Report, error) {
	b, err := newRunBuilder(s.opts, r)
	if err != nil {
		return nil, err
	}

	rules := ruleOrder(r)
	ruleIndex := make(map[string]int, len(rules))
	for i, rule := range rules {
		ruleIndex[rule.ID] = i
	}

	run := sarif.NewRun()
	run.Tool = s.tool(r.ToolVersion, rules)
	run.WithColumnKind("utf16CodeUnits")
	run.WithAutomationDetails(sarif.NewRunAutomationDetails().WithID(s.opts.AutomationID))
	run.WithArtifacts(b.artifacts())
	run.AddInvocation(b.invocation(sortedLoadErrors(r.Errors), sortedLoadErrors(r.Warnings)))

	if s.opts.SourceRootURI != "" {
		base := sarif.NewArtifactLocation().WithURI(s.opts.SourceRootURI)
		run.WithOriginalUriBaseIds(map[string]sarif.ArtifactLocation{sourceRootID: *base})
	}

	for _, f := range sortedFindings(r.Findings) {
		run.AddResult(b.result(f, ruleIndex[f.RuleID]))
	}

	log := sarif.NewReport()
	log.Schema = sarifSchemaURI
	log.AddRun(run)

	return log, nil
}

func (s *sarifReporter) tool(version string, rules []finding.Rule) *sarif.Tool {
	driver := sarif.NewToolComponent().WithName(toolName)

	if version != "" {
		driver.WithVersion(version)

		if semantic := strings.TrimPrefix(version, "v"); semverPattern.MatchString(semantic) {
			driver.WithSemanticVersion(semantic)
		}
	}

	if s.opts.InformationURI != "" {
		driver.WithInformationURI(s.opts.InformationURI)
	}

	for _, rule := range rules {
		driver.AddRule(sarifRule(rule))
	}

	return sarif.NewTool().WithDriver(driver)
}

// sarifRule describes a rule as a SARIF reportingDescriptor, with the
// properties GitHub code scanning reads: tags and security-severity.
func sarifRule(rule finding.Rule) *sarif.ReportingDescriptor {
	d := sarif.NewRule(rule.ID)

	if rule.Name != "" {
		d.WithName(rule.Name)
	}
	if rule.Title != "" {
		d.WithShortDescription(sarif.NewMultiformatMessageString().WithText(rule.Title))
	}
	if rule.Description != "" {
		d.WithFullDescription(sarif.NewMultiformatMessageString().WithText(rule.Description))
	}

	// SARIF requires a plain text form next to Markdown. Markdown source
	// reads well as plain text, so both carry the same string.
	if rule.Help != "" {
		d.WithHelp(sarif.NewMultiformatMessageString().WithText(rule.Help).WithMarkdown(rule.Help))
	}
	if rule.HelpURI != "" {
		d.WithHelpURI(rule.HelpURI)
	}

	level := rule.Level
	if level == "" && rule.Priority != "" {
		level = finding.LevelForPriority(rule.Priority)
	}
	if level != "" {
		config := sarif.NewReportingConfiguration()
		config.Level = string(level)
		d.WithDefaultConfiguration(config)
	}

	tags := slices.Clone(rule.Tags)
	props := sarif.NewPropertyBag()
	if rule.SecuritySeverity != "" {
		tags = append(tags, "security")
		props.Add("security-severity", rule.SecuritySeverity)
	}

	slices.Sort(tags)
	props.WithTags(slices.Compact(tags))
	d.WithProperties(props)

	return d
}
