package io.lathe.server.console;

import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.platform.DomainException;
import io.lathe.server.auth.ProjectRole;
import io.lathe.server.data.Datum;
import io.lathe.server.data.DatumCursor;
import io.lathe.server.data.DatumLineage;
import io.lathe.server.data.DatumQuery;
import io.lathe.server.data.DatumRepository;
import io.lathe.server.data.DatumService;
import io.lathe.server.data.DatumView;
import io.lathe.server.executions.ExecutionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /projects/{id}/data}: a project's datums, searched by name, tag, alias and producing execution, in pages;
 * {@code /projects/{id}/data/{datum}}: one datum, its properties, tags, aliases and lineage, with forms to point an
 * alias at it and to delete it.
 */
@ApplicationScoped
public class DataPage implements ProjectSubpage {

    private static final Pattern PATH = Pattern.compile("data(?:/([0-9a-f-]{36}))?");
    private static final int PAGE_SIZE = 50;

    @Inject
    ConsoleTemplates templates;
    @Inject
    DatumService datums;
    @Inject
    DatumRepository repository;
    @Inject
    DatumLineage lineage;
    @Inject
    ExecutionRepository executions;

    @Override
    public Pattern path() {
        return PATH;
    }

    @Override
    public void get(ProjectRequest request, Matcher path) throws IOException {
        if (path.group(1) == null) {
            search(request, HttpServletResponse.SC_OK, null);
        } else {
            detail(request, datumOf(request, path.group(1)), HttpServletResponse.SC_OK, null, null);
        }
    }

    @Override
    public void post(ProjectRequest request, Matcher path) throws IOException {
        if (path.group(1) == null || !request.role().covers(ProjectRole.WRITE)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "forbidden",
                    "changing data needs write access to the project", null);
        }
        Datum datum = datumOf(request, path.group(1));
        String action = Objects.requireNonNullElse(request.http().getParameter("action"), "");
        try {
            if (action.equals("delete")) {
                datums.purge(datum.id(), request.caller());
                detail(request, datums.get(datum.id()), HttpServletResponse.SC_OK, null,
                        "Deleted: the bytes are gone, the record stays for lineage.");
            } else if (action.equals("alias")) {
                String name = request.http().getParameter("alias");
                datums.pointAlias(request.project().id(), name, datum.id(), request.caller());
                detail(request, datum, HttpServletResponse.SC_OK, null, "datum://" + name + " now points here.");
            } else {
                throw DomainException.invalid("unknown-action", "the form asked for nothing this page does",
                        "action");
            }
        } catch (DomainException e) {
            detail(request, datum, DomainExceptionMapper.httpStatus(e), e.getMessage(), null);
        }
    }

    private Datum datumOf(ProjectRequest request, String id) {
        Datum datum = datums.get(id);
        if (!datum.projectId().equals(request.project().id())) {
            throw DomainException.notFound("datum", id);
        }
        return datum;
    }

    private void search(ProjectRequest request, int status, String error) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        for (String field : List.of("name", "tag", "alias", "execution", "after")) {
            String value = request.http().getParameter(field);
            form.put(field, value == null ? "" : value.strip());
        }
        Map<String, Object> model = new HashMap<>();
        model.put("project", ConsoleViews.project(request.project()));
        model.put("form", form);
        model.put("error", error);
        List<DatumView> items = List.of();
        String next = null;
        try {
            DatumService.Page page;
            if (!form.get("alias").isEmpty()) {
                page = datums.searchAlias(request.project().id(), form.get("alias"));
            } else {
                page = datums.search(new DatumQuery(request.project().id(), emptyToNull(form.get("name")),
                        emptyToNull(form.get("tag")), executionId(request, form.get("execution")), null, null, null,
                        null, form.get("after").isEmpty() ? null : DatumCursor.parse(form.get("after")), PAGE_SIZE));
            }
            items = page.items();
            next = page.next();
        } catch (DomainException e) {
            status = DomainExceptionMapper.httpStatus(e);
            model.put("error", e.getMessage());
        }
        Map<String, Integer> counters = repository.executionCounters(items.stream().map(DatumView::outputExecution)
                .filter(Objects::nonNull).distinct().toList());
        model.put("datums", items.stream().map(d -> row(d, counters)).toList());
        model.put("nextPage", next == null ? "" : pageLink(request, form, next));
        model.put("firstPage", form.get("after").isEmpty() ? "" : pageLink(request, form, null));
        templates.render(request.http(), request.response(), status, "data", "Data · " + request.project().name(),
                model);
    }

    /** The execution with the counter the form gives ({@code 12} or {@code #12}), or a 400 naming the field. */
    private String executionId(ProjectRequest request, String counter) {
        if (counter.isEmpty()) {
            return null;
        }
        String digits = counter.startsWith("#") ? counter.substring(1) : counter;
        if (!digits.matches("\\d{1,9}")) {
            throw DomainException.invalid("invalid-execution", "give the execution's number, e.g. 12", "execution");
        }
        return executions.findByCounter(request.project().id(), Integer.parseInt(digits))
                .orElseThrow(() -> DomainException.invalid("unknown-execution", "this project has no execution #"
                        + digits, "execution")).id();
    }

    private static String pageLink(ProjectRequest request, Map<String, String> form, String after) {
        StringBuilder link = new StringBuilder(request.projectPath()).append("/data?");
        form.forEach((field, value) -> {
            if (!field.equals("after") && !value.isEmpty()) {
                link.append(field).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
            }
        });
        if (after != null) {
            link.append("after=").append(after);
        }
        return link.toString();
    }

    private static Map<String, Object> row(DatumView datum, Map<String, Integer> counters) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", datum.id());
        row.put("uri", datum.uri());
        row.put("name", datum.name());
        row.put("size", ConsoleViews.size(datum.size()));
        row.put("sha256", datum.sha256());
        row.put("tags", datum.tags().stream().map(tag -> Map.of("name", tag,
                "query", URLEncoder.encode(tag, StandardCharsets.UTF_8))).toList());
        row.put("aliases", datum.aliases());
        row.put("purged", datum.purged());
        row.put("created", ConsoleViews.time(datum.createdAt()));
        Integer counter = datum.outputExecution() == null ? null : counters.get(datum.outputExecution());
        row.put("execution", counter == null ? "" : counter.toString());
        return row;
    }

    private void detail(ProjectRequest request, Datum datum, int status, String error, String notice)
            throws IOException {
        DatumView view = datums.view(datum);
        DatumLineage.Graph graph = lineage.of(datum);
        Map<String, DatumLineage.DatumNode> datumNodes = new HashMap<>();
        graph.datums().forEach(d -> datumNodes.put(d.id(), d));
        Map<String, DatumLineage.ExecutionNode> executionNodes = new HashMap<>();
        graph.executions().forEach(e -> executionNodes.put(e.id(), e));
        List<Map<String, Object>> edges = new ArrayList<>();
        for (DatumLineage.Edge edge : graph.edges()) {
            boolean input = edge.kind().equals("input");
            DatumLineage.DatumNode file = datumNodes.get(input ? edge.from() : edge.to());
            DatumLineage.ExecutionNode run = executionNodes.get(input ? edge.to() : edge.from());
            if (file == null || run == null) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", input ? "input of" : "output of");
            row.put("datum", file.id());
            row.put("datumName", file.name());
            row.put("isRoot", file.id().equals(datum.id()));
            row.put("purged", file.purged());
            row.put("counter", run.counter());
            row.put("step", run.step());
            row.put("status", run.status());
            row.put("input", edge.input() == null ? "" : edge.input());
            edges.add(row);
        }
        Map<String, Integer> counters = repository.executionCounters(
                view.outputExecution() == null ? List.of() : List.of(view.outputExecution()));
        Map<String, Object> model = new HashMap<>();
        model.put("project", ConsoleViews.project(request.project()));
        model.put("datum", row(view, counters));
        model.put("contentType", view.contentType());
        model.put("properties", view.metadata().entrySet().stream()
                .map(e -> Map.of("name", e.getKey(), "value", e.getValue().toString())).toList());
        model.put("lineage", edges);
        model.put("truncated", graph.truncated());
        model.put("canWrite", request.canWrite());
        model.put("error", error);
        model.put("notice", notice);
        templates.render(request.http(), request.response(), status, "datum", view.name() + " · "
                + request.project().name(), model);
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
