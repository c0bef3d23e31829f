package berth.rules.audio_qos_test

import data.berth.rules.audio_qos as rule

_compose_loc(line) := {"file": "compose.yaml", "line": line, "column": 3}

_backlog_loc(line) := {"file": "berth.hcl", "line": line, "column": 1}

_service(name, line, labels) := {"name": name, "location": _compose_loc(line), "labels": labels}

_qos(service, latency, jitter, line) := {"service": service, "latency_ms": latency, "jitter_ms": jitter, "location": _backlog_loc(line)}

_input(services, qos) := {
	"projects": [{"name": "app", "host": "app", "services": services}],
	"backlog": {"qos": qos},
}

_finding(service, message, location) := {"rule": "C-19", "msg": message, "location": location, "service": service}

_missing_block_message(service) := sprintf(
	"Service %q carries audio between machines, but the backlog has no qos block for it. Add a qos %q block that sets latency_ms and jitter_ms to the largest end-to-end latency and jitter, in milliseconds, that the audio stream tolerates, so that placement and network changes can be checked against them.",
	[service, service],
)

_missing_value_message(service, field, meaning) := sprintf(
	"The qos block of service %q does not set %s to a number above zero. Set it to the largest %s, in milliseconds, that the cross-machine audio stream tolerates.",
	[service, field, meaning],
)

test_fail_default_service_without_block if {
	services := [_service("streaming-audio", 2, []), _service("web", 8, [])]

	rule.deny == {_finding(
		"streaming-audio",
		_missing_block_message("streaming-audio"),
		_compose_loc(2),
	)} with input as _input(services, [_qos("web", 100, 20, 30)])
}

test_fail_labelled_service_without_block if {
	label := {"name": "berth.audio", "value": "Cross-Machine", "location": _compose_loc(5)}
	services := [_service("mic-relay", 2, [label])]

	rule.deny == {_finding("mic-relay", _missing_block_message("mic-relay"), _compose_loc(2))} with input as _input(services, [])
}

test_fail_block_missing_values if {
	services := [_service("streaming-audio", 2, [])]
	blocks := [_qos("StreamingAudio", null, 0, 30)]

	rule.deny == {
		_finding("StreamingAudio", _missing_value_message("StreamingAudio", "latency_ms", "end-to-end latency"), _backlog_loc(30)),
		_finding("StreamingAudio", _missing_value_message("StreamingAudio", "jitter_ms", "jitter"), _backlog_loc(30)),
	} with input as _input(services, blocks)
}

test_fail_custom_services if {
	services := [_service("streaming-audio", 2, []), _service("voice-bridge", 8, [])]
	params := {"services": ["voice_bridge"]}

	rule.deny == {_finding("voice-bridge", _missing_block_message("voice-bridge"), _compose_loc(8))} with input as object.union(
		_input(services, []),
		{"backlog": {"items": {"C-19": {"params": params}}}},
	)
}

test_success_block_with_values if {
	services := [_service("streaming-audio", 2, []), _service("streaming-audio", 40, [])]
	blocks := [_qos("streaming_audio", 20, 2.5, 30)]

	rule.deny == set() with input as _input(services, blocks)
}

test_success_other_services if {
	label := {"name": "berth.audio", "value": "local", "location": _compose_loc(5)}
	services := [_service("web", 2, []), _service("speaker", 8, [label])]
	blocks := [_qos("web", null, null, 30)]

	rule.deny == set() with input as _input(services, blocks)
}
