package io.lathe.server.console;

import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.auth.Access;
import io.lathe.server.auth.Access.Rule;
import io.lathe.server.data.Datum;
import io.lathe.server.data.DatumLineage;
import io.lathe.server.data.DatumService;
import io.lathe.server.data.DatumView;
import io.lathe.server.platform.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code /projects/{project}/data/{datum}}: one datum as the API shows it, its properties, tags, aliases and
 * lineage, with forms to point an alias at it and to delete it.
 */
@ApplicationScoped
public class DatumPage implements ConsolePage {

    /** One step of the lineage: a file that was the input of, or the output of, a run. */
    public record LineageRow(String kind, DatumLineage.DatumNode file, DatumLineage.ExecutionNode run, boolean isRoot,
            String input) {
    }

    @Inject
    ConsoleTemplates templates;
    @Inject
    DatumService datums;
    @Inject
    DatumLineage lineage;

    @Get("/projects/{project}/data/{datum}")
    @Access(value = Rule.PROJECT_READ, param = "project")
    public void show(ProjectRequest request) throws IOException {
        render(request, datumOf(request), HttpServletResponse.SC_OK, null, null);
    }

    @Post("/projects/{project}/data/{datum}")
    @Access(value = Rule.PROJECT_WRITE, param = "project")
    public void change(ProjectRequest request) throws IOException {
        Datum datum = datumOf(request);
        String action = Objects.requireNonNullElse(request.parameter("action"), "");
        try {
            if (action.equals("delete")) {
                datums.purge(datum.id(), request.caller());
                render(request, datums.get(datum.id()), HttpServletResponse.SC_OK, null,
                        "Deleted: the bytes are gone, the record stays for lineage.");
            } else if (action.equals("alias")) {
                String name = request.parameter("alias");
                datums.pointAlias(request.project().id(), name, datum.id(), request.caller());
                render(request, datum, HttpServletResponse.SC_OK, null, "datum://" + name + " now points here.");
            } else {
                throw DomainException.invalid("unknown-action", "the form asked for nothing this page does",
                        "action");
            }
        } catch (DomainException e) {
            render(request, datum, DomainExceptionMapper.httpStatus(e), e.getMessage(), null);
        }
    }

    private Datum datumOf(ProjectRequest request) {
        String id = request.variable("datum");
        Datum datum = datums.get(id);
        if (!datum.projectId().equals(request.project().id())) {
            throw DomainException.notFound("datum", id);
        }
        return datum;
    }

    private void render(ProjectRequest request, Datum datum, int status, String error, String notice)
            throws IOException {
        DatumView view = datums.view(datum);
        DatumLineage.Graph graph = lineage.of(datum);
        Map<String, Integer> counters = datums.executionCounters(
                view.outputExecution() == null ? List.of() : List.of(view.outputExecution()));
        Integer counter = view.outputExecution() == null ? null : counters.get(view.outputExecution());
        Map<String, Object> model = new HashMap<>();
        model.put("project", request.project());
        model.put("datum", view);
        model.put("execution", counter == null ? "" : counter.toString());
        model.put("lineage", rows(graph, datum.id()));
        model.put("truncated", graph.truncated());
        model.put("canWrite", request.canWrite());
        model.put("error", error);
        model.put("notice", notice);
        templates.render(request.http(), request.response(), status, "datum", view.name() + " · "
                + request.project().name(), model);
    }

    /** The graph's edges as rows, each joining its file and its run. */
    private static List<LineageRow> rows(DatumLineage.Graph graph, String root) {
        Map<String, DatumLineage.DatumNode> files = new HashMap<>();
        graph.datums().forEach(d -> files.put(d.id(), d));
        Map<String, DatumLineage.ExecutionNode> runs = new HashMap<>();
        graph.executions().forEach(e -> runs.put(e.id(), e));
        List<LineageRow> rows = new ArrayList<>();
        for (DatumLineage.Edge edge : graph.edges()) {
            boolean input = edge.kind().equals("input");
            DatumLineage.DatumNode file = files.get(input ? edge.from() : edge.to());
            DatumLineage.ExecutionNode run = runs.get(input ? edge.to() : edge.from());
            if (file != null && run != null) {
                rows.add(new LineageRow(input ? "input of" : "output of", file, run, file.id().equals(root),
                        edge.input() == null ? "" : edge.input()));
            }
        }
        return rows;
    }
}
