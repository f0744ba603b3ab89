package io.lathe.server.console;

import io.lathe.server.executions.Execution;
import io.lathe.server.executions.ExecutionRepository;
import io.lathe.server.platform.JsonText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code /projects/{id}/compare?counter=12&counter=13}: several executions side by side, their parameters in one
 * table with the rows that differ marked, and their metric curves overlaid (drawn by {@code charts.js} from the
 * series API). Counters that are not numbers or not executions of the project are told on the page.
 */
@ApplicationScoped
public class ComparePage implements ProjectSubpage {

    /** The most executions one page compares: beyond that the curves and columns are no longer readable. */
    static final int MAX_COMPARED = 10;
    private static final Pattern PATH = Pattern.compile("compare");
    private static final String MISSING = "—";

    @Inject
    ConsoleTemplates templates;
    @Inject
    ExecutionRepository executions;

    @Override
    public Pattern path() {
        return PATH;
    }

    @Override
    public void get(ProjectRequest request, Matcher path) throws IOException {
        List<String> errors = new ArrayList<>();
        Set<Integer> counters = counters(request.http().getParameterValues("counter"), errors);
        List<Integer> chosen = counters.stream().limit(MAX_COMPARED).toList();
        if (counters.size() > MAX_COMPARED) {
            errors.add(0, "Compare at most " + MAX_COMPARED + " executions at a time: the first " + MAX_COMPARED
                    + " are shown.");
        }
        Map<Integer, Execution> found = executions.findByCounters(request.project().id(), chosen).stream()
                .collect(Collectors.toMap(Execution::counter, Function.identity()));
        List<Execution> compared = new ArrayList<>();
        for (int counter : chosen) {
            Execution execution = found.get(counter);
            if (execution == null) {
                errors.add("No execution #" + counter + " in this project.");
            } else {
                compared.add(execution);
            }
        }
        Map<String, Object> model = new HashMap<>();
        model.put("project", ConsoleViews.project(request.project()));
        model.put("executions", compared.stream().map(ConsoleViews::execution).toList());
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

    /**
     * One row per parameter any of the executions has (in order of first appearance): its value in each (a dash
     * where it has none) and whether they differ.
     */
    static List<Map<String, Object>> parameterRows(List<Execution> compared) {
        List<JsonObject> parameters = compared.stream().map(e -> JsonText.object(e.parametersJson())).toList();
        Set<String> names = new LinkedHashSet<>();
        parameters.forEach(p -> names.addAll(p.keySet()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String name : names) {
            List<String> values = parameters.stream()
                    .map(p -> p.containsKey(name) ? ConsoleViews.plain(p.get(name)) : MISSING).toList();
            // Compared as JSON, so the string "1" and the number 1 differ though they look alike.
            boolean differs = parameters.stream().map(p -> p.containsKey(name) ? p.get(name).toString() : null)
                    .distinct().count() > 1;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            row.put("cells", values);
            row.put("differs", differs);
            // (Not "values": Velocity would read a map's values() before its "values" key.)
            rows.add(row);
        }
        return rows;
    }
}
