package main

import (
	"github.com/spf13/cobra"
)

func newRootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "berth",
		Short: "Check Docker deployments against a backlog of rules written as policy",
		Long: `berth loads Compose projects, Dockerfiles and a remediation backlog written
in HCL into one input document, evaluates Rego rules over it and reports
findings as text, JSON, SARIF, GitHub Actions workflow commands or JUnit XML.`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}

	root.AddCommand(newCheckCommand(), newParseCommand(), newRulesCommand(), newBacklogCommand(), newExplainCommand())
	root.AddCommand(newTestCommand(), newVerifyCommand(), newBundleCommand())

	return root
}
