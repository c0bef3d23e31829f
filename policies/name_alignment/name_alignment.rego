# METADATA
# title: Service name differs from its folder or container name
# description: A service's name must match its build context folder and its container_name, ignoring case and separators.
# related_resources:
#   - description: Rule documentation
#     ref: https://github.com/berth-policy/berth/blob/main/docs/rules/C-20.md
# custom:
#   id: C-20
#   name: name-alignment
#   priority: P2
#   tags:
#     - naming
#   params:
#     exempt_services: []
package berth.rules.name_alignment

import data.berth.lib.config
import data.berth.lib.names
import data.berth.lib.result

_params := config.params(rego.metadata.chain())

# The build context folder is named differently from the service.
deny contains finding if {
	some project in input.projects
	some service in project.services
	not names.listed(service.name, _params.exempt_services)
	not service.build.remote
	folder := _context_folder(service.build.context, _project_dir(project))
	names.normalize(folder) != names.normalize(service.name)

	message := sprintf(
		"Service %q builds from folder %q (%s), whose name does not match the service name. Rename the folder or the service so that they match. Case and the separators - and _ are ignored.",
		[service.name, folder, service.build.context],
	)
	finding := result.fail_service(rego.metadata.chain(), message, service.build.location, service.name)
}

# container_name is spelled differently from the service.
deny contains finding if {
	some project in input.projects
	some service in project.services
	not names.listed(service.name, _params.exempt_services)
	container_name := service.container_name.value
	names.normalize(container_name) != names.normalize(service.name)

	message := sprintf(
		"Service %q sets container_name %q, which does not match the service name. Rename one of them so that they match, or remove container_name. Case and the separators - and _ are ignored.",
		[service.name, container_name],
	)
	finding := result.fail_service(rego.metadata.chain(), message, service.container_name.location, service.name)
}

# The last path part of a build context. A context that is the project
# directory or one of its parents is shared by many services and names
# none of them, so it has no folder.
_context_folder(context, project_dir) := folder if {
	is_string(context)
	path := trim_right(context, "/")
	not _shared_context(path, project_dir)
	folder := regex.replace(path, `^.*/`, "")
	not folder in {"", ".", ".."}
}

_project_dir(project) := project.dir if {
	is_string(project.dir)
} else := "."

_shared_context(path, _) if path in {"", "."}

_shared_context(path, project_dir) if path == project_dir

_shared_context(path, project_dir) if startswith(project_dir, concat("", [path, "/"]))
