# METADATA
# title: Cross-machine audio without QoS requirements
# description: Services that carry audio between machines must have a qos block in the backlog that sets latency_ms and jitter_ms.
# related_resources:
#   - description: Rule documentation
#     ref: https://github.com/berth-policy/berth/blob/main/docs/rules/C-19.md
# custom:
#   id: C-19
#   name: audio-qos
#   priority: P3
#   tags:
#     - audio
#     - documentation
#   params:
#     services:
#       - streaming-audio
package berth.rules.audio_qos

import data.berth.lib.config
import data.berth.lib.names
import data.berth.lib.result

_params := config.params(rego.metadata.chain())

# A service with this label set to cross-machine is audio that crosses
# machines, whatever its name.
_audio_label := "berth.audio"

_fields := {
	"latency_ms": "end-to-end latency",
	"jitter_ms": "jitter",
}

# The qos blocks of the backlog, keyed by normalized service name.
_qos_blocks[names.normalize(block.service)] contains block if {
	some block in input.backlog.qos
}

deny contains finding if {
	some project in input.projects
	some service in project.services
	_cross_machine_audio(service, _params.services)
	not _qos_blocks[names.normalize(service.name)]

	message := sprintf(
		"Service %q carries audio between machines, but the backlog has no qos block for it. Add a qos %q block that sets latency_ms and jitter_ms to the largest end-to-end latency and jitter, in milliseconds, that the audio stream tolerates, so that placement and network changes can be checked against them.",
		[service.name, service.name],
	)
	finding := result.fail_service(rego.metadata.chain(), message, service.location, service.name)
}

deny contains finding if {
	some project in input.projects
	some service in project.services
	_cross_machine_audio(service, _params.services)
	some block in _qos_blocks[names.normalize(service.name)]
	some field, meaning in _fields
	not _positive(object.get(block, field, null))

	message := sprintf(
		"The qos block of service %q does not set %s to a number above zero. Set it to the largest %s, in milliseconds, that the cross-machine audio stream tolerates.",
		[block.service, field, meaning],
	)
	finding := result.fail_service(rego.metadata.chain(), message, block.location, block.service)
}

_cross_machine_audio(service, audio_services) if names.listed(service.name, audio_services)

_cross_machine_audio(service, _) if {
	some label in service.labels
	label.name == _audio_label
	lower(label.value) == "cross-machine"
}

_positive(value) if {
	is_number(value)
	value > 0
}
