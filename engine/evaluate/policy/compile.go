package policy

import (
	"github.com/open-policy-agent/opa/v1/ast"
)

// NewCompiler returns an OPA compiler with berth's capabilities. strict
// turns on OPA's strict mode, which rejects unused variables and imports
// and deprecated built-ins: berth compiles its own rules strictly, and the
// user's policies and bundles without it, as opa eval and conftest do.
func NewCompiler(strict bool) *ast.Compiler {
	return ast.NewCompiler().WithCapabilities(Capabilities()).WithStrict(strict)
}

// Compile compiles modules with NewCompiler. The error lists every compile
// error with its file and line.
func Compile(modules map[string]*ast.Module, strict bool) (*ast.Compiler, error) {
	compiler := NewCompiler(strict)
	compiler.Compile(modules)
	if compiler.Failed() {
		return nil, CompileError("compile policies", compiler.Errors)
	}

	return compiler, nil
}

// CompileBuiltin compiles berth's own rules without the type-check stage,
// which takes about a third of the compile time on every run. The same
// modules are type checked where they are tested: go test ./policies and
// opa check --strict both run the full compiler over them.
func CompileBuiltin(modules map[string]*ast.Module) (*ast.Compiler, error) {
	compiler := NewCompiler(true).WithSkipStages(ast.StageCheckTypes)
	compiler.Compile(modules)
	if compiler.Failed() {
		return nil, CompileError("compile policies", compiler.Errors)
	}

	return compiler, nil
}
