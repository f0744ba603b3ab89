package io.lathe.server.console;

import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.auth.Access;
import io.lathe.server.auth.Access.Rule;
import io.lathe.server.auth.ProjectRole;
import io.lathe.server.data.DatumService;
import io.lathe.server.platform.DomainException;
import io.lathe.server.registry.ModelRegistry;
import io.lathe.server.registry.ModelVersion;
import io.lathe.server.registry.RegistryViews;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The registry's pages: {@code /projects/{project}/datasets[/{name}[/{version}]]} and
 * {@code /projects/{project}/models[/{name}[/{number}]]}, where the project's owner approves or rejects a model
 * version. Each page renders the API's view of what it shows ({@link RegistryViews}), as {@code GET
 * /api/v1/projects/{id}/datasets...} and {@code .../models...} answer it.
 */
@ApplicationScoped
public class RegistryPages implements ConsolePage {

    /** Where a page is: the section ({@code datasets} or {@code models}), and the name and version it shows. */
    private record Place(String section, String name, String version) {
    }

    @Inject
    ConsoleTemplates templates;
    @Inject
    RegistryViews views;
    @Inject
    ModelRegistry models;
    @Inject
    DatumService datums;

    @Get("/projects/{project}/datasets")
    @Access(value = Rule.PROJECT_READ, param = "project")
    public void datasets(ProjectRequest request) throws IOException {
        render(request, new Place("datasets", null, null), HttpServletResponse.SC_OK, null, null);
    }

    @Get("/projects/{project}/datasets/{name}")
    @Access(value = Rule.PROJECT_READ, param = "project")
    public void dataset(ProjectRequest request) throws IOException {
        render(request, new Place("datasets", request.variable("name"), null), HttpServletResponse.SC_OK, null,
                null);
    }

    @Get("/projects/{project}/datasets/{name}/{version}")
    @Access(value = Rule.PROJECT_READ, param = "project")
    public void datasetVersion(ProjectRequest request) throws IOException {
        render(request, new Place("datasets", request.variable("name"), request.variable("version")),
                HttpServletResponse.SC_OK, null, null);
    }

    @Get("/projects/{project}/models")
    @Access(value = Rule.PROJECT_READ, param = "project")
    public void models(ProjectRequest request) throws IOException {
        render(request, new Place("models", null, null), HttpServletResponse.SC_OK, null, null);
    }

    @Get("/projects/{project}/models/{name}")
    @Access(value = Rule.PROJECT_READ, param = "project")
    public void model(ProjectRequest request) throws IOException {
        render(request, new Place("models", request.variable("name"), null), HttpServletResponse.SC_OK, null, null);
    }

    @Get("/projects/{project}/models/{name}/{version}")
    @Access(value = Rule.PROJECT_READ, param = "project")
    public void modelVersion(ProjectRequest request) throws IOException {
        render(request, modelVersionPlace(request), HttpServletResponse.SC_OK, null, null);
    }

    /** Approve or reject a model version: the owner's decision, with an optional comment. */
    @Post("/projects/{project}/models/{name}/{version}")
    @Access(value = Rule.PROJECT_OWNER, param = "project")
    public void decide(ProjectRequest request) throws IOException {
        Place path = modelVersionPlace(request);
        String decision = request.http().getParameter("decision");
        ModelVersion.State state = "approve".equals(decision) ? ModelVersion.State.APPROVED
                : "reject".equals(decision) ? ModelVersion.State.REJECTED : null;
        if (state == null) {
            render(request, path, HttpServletResponse.SC_BAD_REQUEST, "choose Approve or Reject", null);
            return;
        }
        try {
            ModelVersion version = models.decide(request.project().id(), path.name(), path.version(), state,
                    request.http().getParameter("comment"), request.caller());
            render(request, path, HttpServletResponse.SC_OK, null, "Version " + version.number() + " is "
                    + version.state().apiName() + ".");
        } catch (DomainException e) {
            render(request, path, DomainExceptionMapper.httpStatus(e), e.getMessage(), null);
        }
    }

    private static Place modelVersionPlace(ProjectRequest request) {
        return new Place("models", request.variable("name"), request.variable("version"));
    }

    private void render(ProjectRequest request, Place path, int status, String error, String notice)
            throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("project", request.project());
        model.put("error", error);
        model.put("notice", notice);
        String projectId = request.project().id();
        String name = path.name();
        String version = path.version();
        model.put("section", path.section());
        model.put("sectionTitle", path.section().equals("datasets") ? "Datasets" : "Models");
        model.put("depth", name == null ? 0 : version == null ? 1 : 2);
        model.put("parent", name == null ? "" : name);
        String page;
        String title;
        if (path.section().equals("datasets")) {
            if (name == null) {
                model.put("datasets", views.datasets(projectId));
                page = "datasets";
                title = "Datasets";
            } else if (version == null) {
                RegistryViews.DatasetDetail dataset = views.dataset(projectId, name);
                model.put("dataset", dataset);
                model.put("counters", counters(dataset.versions().stream()
                        .map(RegistryViews.DatasetVersionSummary::outputExecution).toList()));
                page = "dataset";
                title = dataset.name();
            } else {
                RegistryViews.DatasetVersionDetail found = views.datasetVersion(projectId, name, version);
                model.put("datasetVersion", found);
                model.put("counters", counters(Collections.singletonList(found.outputExecution())));
                page = "dataset-version";
                title = name + "/" + found.version();
            }
        } else if (name == null) {
            model.put("models", views.models(projectId));
            page = "models";
            title = "Models";
        } else if (version == null) {
            RegistryViews.ModelDetail found = views.model(projectId, name);
            model.put("model", found);
            page = "model";
            title = found.name();
        } else {
            RegistryViews.ModelVersionDetail found = views.modelVersion(projectId, name, version);
            model.put("modelVersion", found);
            model.put("canDecide", request.role().covers(ProjectRole.OWNER));
            page = "model-version";
            title = name + " v" + found.number();
        }
        templates.render(request.http(), request.response(), status, page, title + " · " + request.project().name(),
                model);
    }

    /**
     * The executions' counters by id, for links to them ({@code #12}). A version made through the API has no
     * execution: the map answers null for a null id (as {@code Map.of()} would not).
     */
    private Map<String, Integer> counters(List<String> executionIds) {
        return new HashMap<>(datums.executionCounters(executionIds.stream().filter(Objects::nonNull).toList()));
    }
}
