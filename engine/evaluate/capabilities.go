package evaluate

import (
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/berth-policy/berth/engine/evaluate/policy"
)

// Capabilities returns OPA's capabilities without the built-in functions
// that reach the network or the environment of the process: http.send,
// net.* and opa.runtime. See policy.Capabilities.
func Capabilities() *ast.Capabilities {
	return policy.Capabilities()
}
