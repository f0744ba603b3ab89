package io.lathe.server.console;

import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.auth.Access;
import io.lathe.server.auth.Access.Rule;
import io.lathe.server.auth.ProjectRole;
import io.lathe.server.data.Datum;
import io.lathe.server.data.DatumLineage;
import io.lathe.server.data.DatumRepository;
import io.lathe.server.data.DatumService;
import io.lathe.server.platform.DomainException;
import io.lathe.server.registry.Dataset;
import io.lathe.server.registry.DatasetService;
import io.lathe.server.registry.DatasetVersion;
import io.lathe.server.registry.Model;
import io.lathe.server.registry.ModelRegistry;
import io.lathe.server.registry.ModelVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry's pages: {@code /projects/{project}/datasets[/{name}[/{version}]]} and
 * {@code /projects/{project}/models[/{name}[/{number}]]}, where the project's owner approves or rejects a model
 * version. A version's files are the API's {@link io.lathe.server.data.DatumView}s, the executions behind a model
 * version the API's lineage {@link DatumLineage.Origin}s.
 */
@ApplicationScoped
public class RegistryPages implements ConsolePage {

    /** Where a page is: the section ({@code datasets} or {@code models}), and the name and version it shows. */
    private record Place(String section, String name, String version) {
    }

    @Inject
    ConsoleTemplates templates;
    @Inject
    DatasetService datasets;
    @Inject
    ModelRegistry models;
    @Inject
    DatumRepository users;
    @Inject
    DatumService datums;
    @Inject
    DatumLineage lineage;

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
                model.put("datasets", datasets.list(projectId).stream().map(s -> Map.of("name", s.dataset().name(),
                        "versions", s.versions(), "latest", s.latest() == null ? "" : s.latest().name(),
                        "created", ConsoleFormat.time(s.dataset().createdAt()))).toList());
                page = "datasets";
                title = "Datasets";
            } else if (version == null) {
                Dataset dataset = datasets.get(projectId, name);
                model.put("dataset", dataset.name());
                model.put("versions", datasets.versions(dataset).stream().map(v -> Map.of("name", v.name(),
                        "created", ConsoleFormat.time(v.createdAt()), "execution", counterOf(v.executionId())))
                        .toList());
                page = "dataset";
                title = dataset.name();
            } else {
                DatasetVersion found = datasets.version(projectId, name, version);
                model.put("dataset", name);
                model.put("version", found.name());
                model.put("uri", "dataset://" + name + "/" + found.name());
                model.put("created", ConsoleFormat.time(found.createdAt()));
                model.put("execution", counterOf(found.executionId()));
                model.put("files", datums.views(datasets.files(found)));
                page = "dataset-version";
                title = name + "/" + found.name();
            }
        } else if (name == null) {
            model.put("models", models.list(projectId).stream().map(s -> Map.of("name", s.model().name(),
                    "versions", s.versions(), "latest", s.latest() == null ? "" : "" + s.latest().number(),
                    "approved", s.latestApproved() == null ? "" : "" + s.latestApproved().number())).toList());
            page = "models";
            title = "Models";
        } else if (version == null) {
            Model found = models.get(projectId, name);
            model.put("model", found.name());
            model.put("versions", models.versions(found).stream().map(v -> Map.of("number", v.number(),
                    "state", v.state().apiName(), "note", v.releaseNote() == null ? "" : v.releaseNote(),
                    "created", ConsoleFormat.time(v.createdAt()))).toList());
            page = "model";
            title = found.name();
        } else {
            ModelVersion found = models.version(projectId, name, version);
            List<Datum> files = models.files(found);
            model.put("model", name);
            model.put("number", found.number());
            model.put("uri", "model://" + name + "/" + found.number());
            model.put("state", found.state().apiName());
            model.put("note", found.releaseNote() == null ? "" : found.releaseNote());
            model.put("created", ConsoleFormat.time(found.createdAt()));
            Map<String, String> names = users.usernames(found.decidedBy() == null ? List.of()
                    : List.of(found.decidedBy()));
            model.put("decision", found.decidedAt() == null ? "" : found.state().apiName() + " by "
                    + names.getOrDefault(found.decidedBy(), "?") + " on " + ConsoleFormat.time(found.decidedAt())
                    + (found.decisionComment() == null || found.decisionComment().isBlank() ? ""
                    : ": " + found.decisionComment()));
            model.put("files", datums.views(files));
            model.put("origins", lineage.origins(files));
            model.put("canDecide", request.role().covers(ProjectRole.OWNER));
            page = "model-version";
            title = name + " v" + found.number();
        }
        templates.render(request.http(), request.response(), status, page, title + " · " + request.project().name(),
                model);
    }

    private String counterOf(String executionId) {
        if (executionId == null) {
            return "";
        }
        Integer counter = datums.executionCounters(List.of(executionId)).get(executionId);
        return counter == null ? "" : counter.toString();
    }
}
