package compose

import (
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
	"go.yaml.in/yaml/v4"

	"github.com/berth-policy/berth/engine/input"
)

// ports converts the published ports. compose-go expands a range into one
// port per number. Consecutive ports written by the same item are joined
// back into one range, so a finding points at the item once.
func (c converter) ports() []input.Port {
	ports := []input.Port{}
	for _, p := range c.service.Ports {
		port := input.Port{
			Name:      p.Name,
			HostIP:    p.HostIP,
			Published: p.Published,
			Target:    int(p.Target),
			Protocol:  p.Protocol,
			Location:  c.serviceLocation(),
		}
		if port.Protocol == "" {
			port.Protocol = "tcp"
		}
		port.PublishedStart, port.PublishedEnd = portRange(p.Published)

		if it, ok := findItem(c.layers, matchPort(p), "ports"); ok {
			port.Location = it.location()
			port.Raw = itemText(it)
			port.Variables = variableNames(port.Raw)
			port.Unresolved = unresolved(it.file.env, port.Raw)
		}

		if n := len(ports); n > 0 && extendsRange(ports[n-1], port) {
			ports[n-1].PublishedEnd = port.PublishedEnd
			ports[n-1].Published = strconv.Itoa(ports[n-1].PublishedStart) + "-" + strconv.Itoa(port.PublishedEnd)
			continue
		}
		ports = append(ports, port)
	}

	return ports
}

// extendsRange reports whether next continues prev's range from the same
// item.
func extendsRange(prev, next input.Port) bool {
	return prev.Location == next.Location && prev.Raw == next.Raw && prev.Raw != "" &&
		prev.HostIP == next.HostIP && prev.Protocol == next.Protocol &&
		prev.PublishedEnd > 0 && next.PublishedStart == prev.PublishedEnd+1 &&
		next.PublishedStart == next.PublishedEnd
}

// portRange parses "8080" or "8000-8010"; both are zero when published is
// empty or not numeric.
func portRange(published string) (int, int) {
	first, last, isRange := strings.Cut(published, "-")

	start, err := strconv.Atoi(first)
	if err != nil {
		return 0, 0
	}
	if !isRange {
		return start, start
	}

	end, err := strconv.Atoi(last)
	if err != nil || end < start {
		return start, start
	}

	return start, end
}

// matchPort matches the item that wrote p. A short-syntax item may stand
// for several ports, such as a range, so each of them is compared.
func matchPort(p types.ServicePortConfig) func(item) bool {
	return func(it item) bool {
		value := resolveAlias(it.value)
		if value.Kind == yaml.MappingNode {
			return samePort(longPort(it.file, value), p)
		}

		parsed, err := types.ParsePortConfig(it.file.interpolate(value.Value))
		if err != nil {
			return false
		}
		for _, candidate := range parsed {
			if samePort(candidate, p) {
				return true
			}
		}

		return false
	}
}

// longPort reads a long-syntax port item with its variables substituted.
func longPort(f *sourceFile, value *yaml.Node) types.ServicePortConfig {
	text := func(key string) string {
		e, ok := lookup(value, key)
		if !ok {
			return ""
		}
		return f.interpolate(scalarText(e.value))
	}

	target, _ := strconv.ParseUint(text("target"), 10, 32)

	return types.ServicePortConfig{
		Target:    uint32(target),
		Published: text("published"),
		HostIP:    text("host_ip"),
		Protocol:  text("protocol"),
	}
}

// samePort compares the parts of two ports that tell items apart. The
// protocol defaults to tcp, as in Compose.
func samePort(a, b types.ServicePortConfig) bool {
	return a.Target == b.Target && a.Published == b.Published && a.HostIP == b.HostIP &&
		protocolOrTCP(a.Protocol) == protocolOrTCP(b.Protocol)
}

func protocolOrTCP(protocol string) string {
	if protocol == "" {
		return "tcp"
	}

	return strings.ToLower(protocol)
}

// unresolved lists the variables in raw that have no value in env and no
// default.
func unresolved(env map[string]string, raw string) []string {
	var names []string
	for _, r := range references(raw) {
		if _, ok := env[r.name]; !ok && !r.hasDefault() {
			names = append(names, r.name)
		}
	}

	return names
}
