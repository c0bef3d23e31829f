# METADATA
# title: Docker socket mounted into a service
# description: Placeholder until the rule lands.
# custom:
#   id: C-6
#   name: docker-socket
#   priority: P0
package berth.rules.docker_socket
