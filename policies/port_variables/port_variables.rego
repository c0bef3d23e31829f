# METADATA
# title: Interpolation variables are defined
# description: Interpolation variables in port mappings, and the variables that the rule lists, must be set or have a default.
# related_resources:
#   - description: Rule documentation
#     ref: https://github.com/berth-policy/berth/blob/main/docs/rules/C-1.md
# custom:
#   id: C-1
#   name: port-variables
#   priority: P0
#   tags:
#     - ports
#     - configuration
#   params:
#     variables:
#       - PORT_OFFSET
package berth.rules.port_variables

import data.berth.lib.config
import data.berth.lib.result

_params := config.params(rego.metadata.chain())

deny contains finding if {
	some project in input.projects
	some use in project.variables
	not use.defined
	not use.has_default

	message := _message(use, _params.variables)
	finding := _finding(rego.metadata.chain(), message, use)
}

# A use inside a port mapping gets the port message even when its variable
# is also listed, so that no use is reported twice. A required variable
# that is unset stops Compose from loading the project, which is reported
# as a load error, so only a listed variable is reported then.
_message(use, variables) := sprintf(
	"Port mapping of service %q uses variable %s, which is unset and has no default, so the host port cannot be known. Give it a default such as ${%s:-%s}, or set it in the project's .env file.",
	[_port_service(use.path), use.name, use.name, _example_default(use.name, variables)],
) if {
	not use.required
} else := sprintf(
	"Variable %s is used at %s but is unset and has no default. Set it in the project's .env file or the deployment environment, or give it a default such as ${%s:-<value>}.",
	[use.name, use.path, use.name],
) if {
	use.name in variables
}

# A listed variable such as PORT_OFFSET is usually part of a port, as in
# ${PORT_OFFSET}8100, so a whole port number would be a wrong default. A
# fixed number could also collide with a port another service publishes,
# so the example names the kind of value instead.
_example_default(name, variables) := "<value>" if {
	name in variables
} else := "<host port>"

# Returns the service whose ports contain path, as web for
# services.web.ports.0 or services.web.ports.0.published.
_port_service(path) := regex.find_all_string_submatch_n(`^services\.(.+)\.ports(?:\.|$)`, path, 1)[0][1] if is_string(path)

_finding(chain, message, use) := result.fail_service(chain, message, use.location, service) if {
	service := _path_service(use.path)
} else := result.fail(chain, message, use.location)

_path_service(path) := _port_service(path)

_path_service(path) := regex.find_all_string_submatch_n(`^services\.([^.]+)(?:\.|$)`, path, 1)[0][1] if {
	is_string(path)
	not _port_service(path)
}
