package compose

import (
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"

	"github.com/berth-policy/berth/engine/input"
)

// dependsOn lists the depends_on entries. compose-go adds an entry for
// each service named by links, volumes_from or network_mode:
// service:NAME; those are left out unless depends_on also names the
// service, because the input lists them under their own keys.
func (c converter) dependsOn() []input.ServiceLink {
	implied := impliedDependencies(c.service)

	links := []input.ServiceLink{}
	for _, name := range sortedKeys(c.service.DependsOn) {
		link := input.ServiceLink{
			Service:   name,
			Condition: c.service.DependsOn[name].Condition,
			Known:     c.known(name),
			Location:  c.serviceLocation(),
		}
		it, written := findItem(c.layers, matchName(name), "depends_on")
		if !written && implied[name] {
			continue
		}
		if written {
			link.Location = it.location()
		}
		links = append(links, link)
	}

	return links
}

// impliedDependencies returns the services that service refers to outside
// depends_on, for which compose-go adds depends_on entries.
func impliedDependencies(service types.ServiceConfig) map[string]bool {
	names := map[string]bool{}
	for _, link := range service.Links {
		name, _, _ := strings.Cut(link, ":")
		names[name] = true
	}
	for _, from := range service.VolumesFrom {
		if !strings.HasPrefix(from, types.ContainerPrefix) {
			name, _, _ := strings.Cut(from, ":")
			names[name] = true
		}
	}
	for _, mode := range []string{service.NetworkMode, service.Ipc, service.Pid, service.Uts, service.Cgroup} {
		if name, ok := strings.CutPrefix(mode, types.ServicePrefix); ok {
			names[name] = true
		}
	}

	return names
}

// links converts links or volumes_from entries, written as SERVICE or
// SERVICE:SUFFIX. volumes_from entries that name a container are skipped.
func (c converter) links(values []string, key string) []input.ServiceLink {
	links := []input.ServiceLink{}
	for _, value := range values {
		if strings.HasPrefix(value, "container:") {
			continue
		}

		name, _, _ := strings.Cut(value, ":")
		link := input.ServiceLink{Service: name, Known: c.known(name), Location: c.serviceLocation()}
		if it, ok := findItem(c.layers, matchName(name), key); ok {
			link.Location = it.location()
		}
		links = append(links, link)
	}

	sort.SliceStable(links, func(i, j int) bool { return links[i].Service < links[j].Service })

	return links
}

// known reports whether the project has a service called name, among the
// active and the disabled ones.
func (c converter) known(name string) bool {
	if _, ok := c.project.Services[name]; ok {
		return true
	}
	_, ok := c.project.DisabledServices[name]

	return ok
}
