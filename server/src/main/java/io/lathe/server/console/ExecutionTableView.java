package io.lathe.server.console;

import io.lathe.server.executions.ExecutionQuery;
import io.lathe.server.executions.ExecutionStatus;
import io.lathe.server.executions.ExecutionTable;
import io.lathe.server.executions.ExecutionView;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the project page's executions table shows beyond the executions themselves (the API's
 * {@link ExecutionView}s with the metrics asked for): sortable column headers, the filter form's choices and the
 * paging links. Every link is a GET URL holding the whole view, so any view can be shared.
 */
final class ExecutionTableView {

    private final String projectId;
    private final ExecutionQuery query;

    ExecutionTableView(String projectId, ExecutionQuery query) {
        this.projectId = projectId;
        this.query = query;
    }

    Map<String, Object> table(ExecutionTable.Page page) {
        Map<String, Object> table = new LinkedHashMap<>();
        List<Map<String, Object>> columns = new ArrayList<>();
        columns.add(column("#", "counter", ExecutionQuery.Column.COUNTER, null));
        columns.add(column("Status", "status", ExecutionQuery.Column.STATUS, null));
        columns.add(column("Step", "step", ExecutionQuery.Column.STEP, null));
        columns.add(column("Title", "title", ExecutionQuery.Column.TITLE, null));
        columns.add(column("Parameters", "parameters", null, null));
        for (String metric : query.metrics()) {
            columns.add(column(metric, "metric", ExecutionQuery.Column.METRIC, metric));
        }
        columns.add(column("Duration", "duration", ExecutionQuery.Column.DURATION, null));
        columns.add(column("Started", "started", ExecutionQuery.Column.STARTED, null));
        table.put("columns", columns);
        table.put("metrics", query.metrics());
        table.put("rows", page.executions().stream()
                .map(e -> ExecutionView.summary(e, page.metrics().getOrDefault(e.id(), Map.of()))).toList());
        table.put("next", page.next() == null ? null : href(query.sort(), query.metricSort(), query.descending(),
                page.next()));
        table.put("first", query.after() == null ? null : href(query.sort(), query.metricSort(), query.descending(),
                null));
        table.put("filtered", !query.statuses().isEmpty() || query.step() != null);
        return table;
    }

    /** The filter form's choices, with the current ones selected. */
    Map<String, Object> filter(List<String> steps, List<String> metricNames) {
        Map<String, Object> filter = new LinkedHashMap<>();
        List<Map<String, Object>> statuses = new ArrayList<>();
        for (ExecutionStatus status : ExecutionStatus.values()) {
            statuses.add(Map.of("value", status.apiName(),
                    "selected", query.statuses().size() == 1 && query.statuses().contains(status)));
        }
        filter.put("statuses", statuses);
        List<String> stepChoices = new ArrayList<>(steps);
        if (query.step() != null && !stepChoices.contains(query.step())) {
            stepChoices.add(query.step());
        }
        filter.put("steps", stepChoices.stream().map(s -> Map.of("value", s, "selected", s.equals(query.step())))
                .toList());
        List<String> metricChoices = new ArrayList<>(metricNames);
        query.metrics().stream().filter(m -> !metricChoices.contains(m)).forEach(metricChoices::add);
        filter.put("metrics", metricChoices.stream().map(m -> Map.of("name", m, "checked",
                query.metrics().contains(m))).toList());
        filter.put("sort", query.sortName());
        filter.put("order", query.order());
        filter.put("limit", query.limit() == ExecutionQuery.DEFAULT_LIMIT ? null : Integer.toString(query.limit()));
        return filter;
    }

    private Map<String, Object> column(String label, String key, ExecutionQuery.Column sort, String metric) {
        Map<String, Object> column = new LinkedHashMap<>();
        column.put("label", label);
        column.put("key", key);
        boolean current = sort != null && sort == query.sort()
                && (metric == null || metric.equals(query.metricSort()));
        // A click on the current column turns its order round; another column starts in its natural order.
        boolean descending = current ? !query.descending() : sort == ExecutionQuery.Column.COUNTER
                || sort == ExecutionQuery.Column.STARTED || sort == ExecutionQuery.Column.METRIC;
        column.put("href", sort == null ? null : href(sort, metric, descending, null));
        column.put("sorted", current ? query.order() : "");
        column.put("mark", current ? (query.descending() ? " \u25bc" : " \u25b2") : "");
        return column;
    }

    /** The project page's URL for this view with another sort or page. */
    private String href(ExecutionQuery.Column sort, String metric, boolean descending, String after) {
        List<String> parts = new ArrayList<>();
        query.statuses().forEach(s -> parts.add("status=" + s.apiName()));
        if (query.step() != null) {
            parts.add("step=" + encode(query.step()));
        }
        if (!query.metrics().isEmpty()) {
            parts.add("metrics=" + encode(String.join(",", query.metrics())));
        }
        parts.add("sort=" + encode(sort == ExecutionQuery.Column.METRIC ? ExecutionQuery.METRIC_PREFIX + metric
                : sort.apiName()));
        parts.add("order=" + (descending ? "desc" : "asc"));
        if (query.limit() != ExecutionQuery.DEFAULT_LIMIT) {
            parts.add("limit=" + query.limit());
        }
        if (after != null) {
            parts.add("after=" + encode(after));
        }
        return "/projects/" + projectId + "?" + String.join("&", parts);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
