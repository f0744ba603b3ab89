package io.lathe.server.console;

import io.lathe.server.auth.Access;
import io.lathe.server.auth.Access.Rule;
import io.lathe.server.executions.ExecutionService;
import io.lathe.server.executions.ExecutionView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code /projects/{project}/compare?counter=12&counter=13}: several executions side by side, their parameters in one
 * table with the rows that differ marked, and their metric curves overlaid (drawn by {@code charts.js} from the
 * series API). Counters that are not numbers or not executions of the project are told on the page.
 */
@ApplicationScoped
public class ComparePage implements ConsolePage {

    /** The most executions one page compares: beyond that the curves and columns are no longer readable. */
    static final int MAX_COMPARED = 10;
    private static final String MISSING = "—";

    @Inject
    ConsoleTemplates templates;
    @Inject
    ExecutionService executions;

    @Get("/projects/{project}/compare")
    @Access(value = Rule.PROJECT_READ, param = "project")
    public void show(ProjectRequest request) throws IOException {
        List<String> errors = new ArrayList<>();
        Set<Integer> counters = counters(request.http().getParameterValues("counter"), errors);
        List<Integer> chosen = counters.stream().limit(MAX_COMPARED).toList();
        if (counters.size() > MAX_COMPARED) {
            errors.add(0, "Compare at most " + MAX_COMPARED + " executions at a time: the first " + MAX_COMPARED
                    + " are shown.");
        }
        Map<Integer, ExecutionView> found = executions.withCounters(request.project().id(), chosen).stream()
                .map(ExecutionView::summary).collect(Collectors.toMap(ExecutionView::counter, Function.identity()));
        List<ExecutionView> compared = new ArrayList<>();
        for (int counter : chosen) {
            ExecutionView execution = found.get(counter);
            if (execution == null) {
                errors.add("No execution #" + counter + " in this project.");
            } else {
                compared.add(execution);
            }
        }
        Map<String, Object> model = new HashMap<>();
        model.put("project", request.project());
        model.put("executions", compared);
        model.put("parameters", parameterRows(compared));
        model.put("errors", errors);
        templates.render(request.http(), request.response(), HttpServletResponse.SC_OK, "compare",
                request.project().name() + " · compare", model);
    }

    /** The distinct counters asked for, in order; what is not a counter becomes an error instead. */
    static Set<Integer> counters(String[] values, List<String> errors) {
        Set<Integer> counters = new LinkedHashSet<>();
        for (String value : values == null ? new String[0] : values) {
            String text = value.trim().startsWith("#") ? value.trim().substring(1) : value.trim();
            if (text.isEmpty()) {
                continue;
            }
            try {
                int counter = Integer.parseInt(text);
                if (counter < 1) {
                    throw new NumberFormatException();
                }
                counters.add(counter);
            } catch (NumberFormatException e) {
                String shown = value.length() > 20 ? value.substring(0, 20) + "…" : value;
                errors.add("'" + shown + "' is not an execution number.");
            }
        }
        return counters;
    }

    /** A parameter of the compared executions: its value in each (a dash where it has none), whether they differ. */
    public record ParameterRow(String name, List<String> cells, boolean differs) {
    }

    /** One row per parameter any of the executions has, in order of first appearance. */
    static List<ParameterRow> parameterRows(List<ExecutionView> compared) {
        List<JsonObject> parameters = compared.stream().map(ExecutionView::parameters).toList();
        Set<String> names = new LinkedHashSet<>();
        parameters.forEach(p -> names.addAll(p.keySet()));
        List<ParameterRow> rows = new ArrayList<>();
        for (String name : names) {
            List<String> values = parameters.stream()
                    .map(p -> p.containsKey(name) ? ConsoleFormat.plain(p.get(name)) : MISSING).toList();
            // Compared as JSON, so the string "1" and the number 1 differ though they look alike.
            boolean differs = parameters.stream().map(p -> p.containsKey(name) ? p.get(name).toString() : null)
                    .distinct().count() > 1;
            rows.add(new ParameterRow(name, values, differs));
        }
        return rows;
    }
}
