package io.lathe.server.console;

import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.auth.Access;
import io.lathe.server.auth.Access.Rule;
import io.lathe.server.data.DatumCursor;
import io.lathe.server.data.DatumQuery;
import io.lathe.server.data.DatumService;
import io.lathe.server.data.DatumView;
import io.lathe.server.platform.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code /projects/{project}/data}: a project's datums as the API shows them, searched by name, tag, alias and
 * producing execution, in pages.
 */
@ApplicationScoped
public class DataPage implements ConsolePage {

    private static final int PAGE_SIZE = 50;

    /** A datum in a list, with the number of the execution that made it ("" for an upload). */
    public record DatumRow(DatumView datum, String execution) {
    }

    @Inject
    ConsoleTemplates templates;
    @Inject
    DatumService datums;

    @Get("/projects/{project}/data")
    @Access(value = Rule.PROJECT_READ, param = "project")
    public void search(ProjectRequest request) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        for (String field : List.of("name", "tag", "alias", "execution", "after")) {
            String value = request.parameter(field);
            form.put(field, value == null ? "" : value.strip());
        }
        int status = HttpServletResponse.SC_OK;
        Map<String, Object> model = new HashMap<>();
        model.put("project", request.project());
        model.put("form", form);
        model.put("error", null);
        List<DatumView> items = List.of();
        String next = null;
        try {
            DatumService.Page page;
            if (!form.get("alias").isEmpty()) {
                page = datums.searchAlias(request.project().id(), form.get("alias"));
            } else {
                page = datums.search(new DatumQuery(request.project().id(), emptyToNull(form.get("name")),
                        emptyToNull(form.get("tag")), executionNumber(form.get("execution")), null, null, null,
                        null, form.get("after").isEmpty() ? null : DatumCursor.parse(form.get("after")), PAGE_SIZE));
            }
            items = page.items();
            next = page.next();
        } catch (DomainException e) {
            status = DomainExceptionMapper.httpStatus(e);
            model.put("error", e.getMessage());
        }
        model.put("datums", rows(items));
        model.put("nextPage", next == null ? "" : pageLink(request, form, next));
        model.put("firstPage", form.get("after").isEmpty() ? "" : pageLink(request, form, null));
        templates.render(request.http(), request.response(), status, "data", "Data · " + request.project().name(),
                model);
    }

    /** The datums with the numbers of the executions that made them, found in one query. */
    List<DatumRow> rows(List<DatumView> items) {
        Map<String, Integer> counters = datums.executionCounters(items.stream().map(DatumView::outputExecution)
                .filter(Objects::nonNull).distinct().toList());
        return items.stream().map(d -> new DatumRow(d, d.outputExecution() == null
                || !counters.containsKey(d.outputExecution()) ? "" : counters.get(d.outputExecution()).toString()))
                .toList();
    }

    /** The form's field is the execution's number ({@code 12} or {@code #12}); the search looks it up. */
    private static String executionNumber(String given) {
        if (given.isEmpty()) {
            return null;
        }
        if (!given.matches("#?\\d{1,9}")) {
            throw DomainException.invalid("invalid-execution", "give the execution's number, e.g. 12", "execution");
        }
        return given;
    }

    private static String pageLink(ProjectRequest request, Map<String, String> form, String after) {
        StringBuilder link = new StringBuilder(request.projectPath()).append("/data?");
        form.forEach((field, value) -> {
            if (!field.equals("after") && !value.isEmpty()) {
                link.append(field).append('=').append(ConsoleFormat.query(value)).append('&');
            }
        });
        if (after != null) {
            link.append("after=").append(after);
        }
        return link.toString();
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
