package compose

import (
	"context"
	"path/filepath"
	"strings"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
)

// referenceProblems are the parts of compose-go's consistency errors that
// name a problem between services. That is a reference to a service that
// does not exist, through depends_on or through the depends_on entries
// that links, volumes_from and network_mode: service:NAME imply, or a
// depends_on cycle. The rules report these from the input, so they must
// not stop the load.
var referenceProblems = []string{
	"depends on undefined service",
	"not found for network_mode",
	"cannot depend on job",
	"dependency cycle detected",
}

// isReferenceError reports whether compose-go rejected the project because
// of a problem between services.
func isReferenceError(err error) bool {
	msg := err.Error()
	for _, s := range referenceProblems {
		if strings.Contains(msg, s) {
			return true
		}
	}

	return false
}

// loadWithReferenceProblems loads a project that compose-go rejected for a
// reference problem. compose-go stops at the first inconsistency it meets,
// in map order, so the project is checked once more without its service
// references. Any other problem, such as a service without an image, is
// then returned whichever order the services come in.
func loadWithReferenceProblems(ctx context.Context, files []string, opts Options) (*types.Project, error) {
	project, err := loadProject(ctx, files, opts, false)
	if err != nil {
		return nil, err
	}

	if err := checkWithoutReferences(ctx, files, opts, project.Name); err != nil {
		return nil, err
	}

	return project, nil
}

// checkWithoutReferences runs compose-go's consistency check on the
// project's model with every depends_on removed and every network_mode
// that names a missing service replaced by "none". Normalization has
// already turned links, volumes_from and namespace references into
// depends_on entries, so none of the reference problems remain.
func checkWithoutReferences(ctx context.Context, files []string, opts Options, name string) error {
	po, err := projectOptions(files, opts, true)
	if err != nil {
		return err
	}

	// ProjectOptions.LoadModel leaves the environment out of the model's
	// interpolation in compose-go v2.16.2, so the loader is called directly
	// with the environment that LoadProject uses.
	details := types.ConfigDetails{
		WorkingDir:  filepath.Dir(files[0]),
		ConfigFiles: types.ToConfigFiles(files),
		Environment: po.Environment,
	}
	setup := func(o *loader.Options) {
		o.SetProjectName(name, true)
		o.Profiles = []string{"*"}
		o.SkipResolveEnvironment = true
		o.SkipResolveLabels = true
	}

	model, err := loader.LoadModelWithContext(ctx, details, setup)
	if err != nil {
		return err
	}
	dropReferences(model)

	_, err = loader.ModelToProject(model, loader.ToOptions(&details, []func(*loader.Options){setup}), details)

	return err
}

// dropReferences removes the references between services from a loaded
// model.
func dropReferences(model map[string]any) {
	services, _ := model["services"].(map[string]any)
	for _, s := range services {
		service, ok := s.(map[string]any)
		if !ok {
			continue
		}
		delete(service, "depends_on")

		mode, _ := service["network_mode"].(string)
		if target, ok := strings.CutPrefix(mode, types.ServicePrefix); ok {
			if _, known := services[target]; !known {
				service["network_mode"] = "none"
			}
		}
	}
}
