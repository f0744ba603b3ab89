package io.lathe.server.console;

import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.platform.DomainException;
import io.lathe.server.auth.ProjectRole;
import io.lathe.server.data.Datum;
import io.lathe.server.data.DatumLineage;
import io.lathe.server.data.DatumRepository;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry's pages: {@code /projects/{id}/datasets[/{name}[/{version}]]} and
 * {@code /projects/{id}/models[/{name}[/{number}]]}, where the project's owner approves or rejects a model version.
 */
@ApplicationScoped
public class RegistryPages implements ProjectSubpage {

    private static final Pattern PATH = Pattern.compile("(datasets|models)(?:/([A-Za-z0-9._-]{1,200})"
            + "(?:/([A-Za-z0-9._-]{1,200}))?)?");

    @Inject
    ConsoleTemplates templates;
    @Inject
    DatasetService datasets;
    @Inject
    ModelRegistry models;
    @Inject
    DatumRepository datums;
    @Inject
    DatumLineage lineage;

    @Override
    public Pattern path() {
        return PATH;
    }

    @Override
    public void get(ProjectRequest request, Matcher path) throws IOException {
        render(request, path, HttpServletResponse.SC_OK, null, null);
    }

    /** Approve or reject a model version: the owner's decision, with an optional comment. */
    @Override
    public void post(ProjectRequest request, Matcher path) throws IOException {
        if (!path.group(1).equals("models") || path.group(3) == null) {
            throw new DomainException(DomainException.Kind.NOT_ALLOWED, "method_not_allowed",
                    "this page has no form to post to", null);
        }
        if (!request.role().covers(ProjectRole.OWNER)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "forbidden",
                    "only the project's owner approves or rejects model versions", null);
        }
        String decision = request.http().getParameter("decision");
        ModelVersion.State state = "approve".equals(decision) ? ModelVersion.State.APPROVED
                : "reject".equals(decision) ? ModelVersion.State.REJECTED : null;
        if (state == null) {
            render(request, path, HttpServletResponse.SC_BAD_REQUEST, "choose Approve or Reject", null);
            return;
        }
        try {
            ModelVersion version = models.decide(request.project().id(), path.group(2), path.group(3), state,
                    request.http().getParameter("comment"), request.caller());
            render(request, path, HttpServletResponse.SC_OK, null, "Version " + version.number() + " is "
                    + version.state().apiName() + ".");
        } catch (DomainException e) {
            render(request, path, DomainExceptionMapper.httpStatus(e), e.getMessage(), null);
        }
    }

    private void render(ProjectRequest request, Matcher path, int status, String error, String notice)
            throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("project", ConsoleViews.project(request.project()));
        model.put("error", error);
        model.put("notice", notice);
        String projectId = request.project().id();
        String name = path.group(2);
        String version = path.group(3);
        model.put("section", path.group(1));
        model.put("sectionTitle", path.group(1).equals("datasets") ? "Datasets" : "Models");
        model.put("depth", name == null ? 0 : version == null ? 1 : 2);
        model.put("parent", name == null ? "" : name);
        String page;
        String title;
        if (path.group(1).equals("datasets")) {
            if (name == null) {
                model.put("datasets", datasets.list(projectId).stream().map(s -> Map.of("name", s.dataset().name(),
                        "versions", s.versions(), "latest", s.latest() == null ? "" : s.latest().name(),
                        "created", ConsoleViews.time(s.dataset().createdAt()))).toList());
                page = "datasets";
                title = "Datasets";
            } else if (version == null) {
                Dataset dataset = datasets.get(projectId, name);
                model.put("dataset", dataset.name());
                model.put("versions", datasets.versions(dataset).stream().map(v -> Map.of("name", v.name(),
                        "created", ConsoleViews.time(v.createdAt()), "execution", counterOf(v.executionId()))).toList());
                page = "dataset";
                title = dataset.name();
            } else {
                DatasetVersion found = datasets.version(projectId, name, version);
                model.put("dataset", name);
                model.put("version", found.name());
                model.put("uri", "dataset://" + name + "/" + found.name());
                model.put("created", ConsoleViews.time(found.createdAt()));
                model.put("execution", counterOf(found.executionId()));
                model.put("files", files(datasets.files(found)));
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
                    "created", ConsoleViews.time(v.createdAt()))).toList());
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
            model.put("created", ConsoleViews.time(found.createdAt()));
            Map<String, String> users = datums.usernames(found.decidedBy() == null ? List.of()
                    : List.of(found.decidedBy()));
            model.put("decision", found.decidedAt() == null ? "" : found.state().apiName() + " by "
                    + users.getOrDefault(found.decidedBy(), "?") + " on " + ConsoleViews.time(found.decidedAt())
                    + (found.decisionComment() == null || found.decisionComment().isBlank() ? ""
                    : ": " + found.decisionComment()));
            model.put("files", files(files));
            model.put("origins", lineage.origins(files).stream().map(RegistryPages::origin).toList());
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

    private static List<Map<String, Object>> files(List<Datum> files) {
        return files.stream().map(d -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", d.id());
            row.put("name", d.name());
            row.put("size", ConsoleViews.size(d.size()));
            row.put("sha256", d.sha256());
            row.put("purged", d.isPurged());
            return row;
        }).toList();
    }

    private static Map<String, Object> origin(DatumLineage.Origin origin) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("counter", origin.execution().counter());
        row.put("step", origin.execution().step());
        row.put("status", origin.execution().status());
        row.put("commit", origin.execution().commit());
        row.put("parameters", origin.execution().parameters().entrySet().stream()
                .map(e -> e.getKey() + "=" + ConsoleViews.plain(e.getValue())).toList());
        row.put("inputs", origin.inputs().stream().map(i -> Map.of("name", i.name(), "uri", i.uri(),
                "datum", i.datum() == null ? "" : i.datum())).toList());
        return row;
    }

}
