package policy

import (
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Capabilities returns OPA's capabilities without the built-in functions
// that reach the network or the environment of the process. A policy
// should depend only on its input: a check that calls http.send could leak
// the repository, and opa.runtime exposes CI secrets.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()

	builtins := make([]*ast.Builtin, 0, len(caps.Builtins))
	for _, b := range caps.Builtins {
		if isRestricted(b.Name) {
			continue
		}
		builtins = append(builtins, b)
	}
	caps.Builtins = builtins
	caps.AllowNet = []string{}

	return caps
}

func isRestricted(name string) bool {
	return name == "http.send" || name == "opa.runtime" || strings.HasPrefix(name, "net.")
}

// restrictedMessage explains why a policy may not call the built-in
// function name, for the compile error that replaces OPA's "undefined
// function".
func restrictedMessage(name string) string {
	if name == "opa.runtime" {
		return fmt.Sprintf("call to %s rejected: berth policies cannot read the process environment, which may hold CI secrets, so a rule can read only the input document and data", name)
	}

	return fmt.Sprintf("call to %s rejected: network access is disabled in berth policies, so a rule can read only the input document and data", name)
}
