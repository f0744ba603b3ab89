package io.lathe.server.executions;

import io.lathe.server.platform.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One view of a project's executions table: filters, sort, the keyset cursor of the page and the metric columns
 * wanted, read from query parameters the same way for the API and the console (so a console URL and an API URL say
 * the same thing). Every bad value is refused with a 400 naming its parameter.
 *
 * @param metricSort the metric sorted by when {@code sort} is {@link Column#METRIC}, else null
 * @param after where the previous page ended, or null for the first page
 */
public record ExecutionQuery(String projectId, Set<ExecutionStatus> statuses, String step, Column sort,
        String metricSort, boolean descending, Cursor after, int limit, List<String> metrics) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    public static final int MAX_METRICS = 20;
    public static final int MAX_NAME_LENGTH = 200;
    public static final String METRIC_PREFIX = "metric:";

    /** What the table can be sorted by; {@code sql} is the column's SQL expression, never user text. */
    public enum Column {
        COUNTER("counter", "e.counter", false),
        CREATED("created", "e.created_at", false),
        STARTED("started", "e.started_at", true),
        DURATION("duration", "e.duration_ms", true),
        STATUS("status", "e.status", false),
        STEP("step", "e.step_name", false),
        TITLE("title", "e.title", true),
        METRIC("metric", "m.last_value", true);

        private final String apiName;
        final String sql;
        /** Nullable columns sort their empty values last, in both orders. */
        final boolean nullable;

        Column(String apiName, String sql, boolean nullable) {
            this.apiName = apiName;
            this.sql = sql;
            this.nullable = nullable;
        }

        public String apiName() {
            return apiName;
        }
    }

    /**
     * Where a page ended: whether the last row had no value in the sort column (those come last), its value and its
     * counter (ties are broken by counter).
     */
    public record Cursor(boolean nullPhase, String value, int counter) {
    }

    /** The sort as the {@code sort} parameter spells it: {@code counter} or {@code metric:loss}. */
    public String sortName() {
        return sort == Column.METRIC ? METRIC_PREFIX + metricSort : sort.apiName;
    }

    public String order() {
        return descending ? "desc" : "asc";
    }

    /** The same view from its first page. */
    public ExecutionQuery firstPage() {
        return new ExecutionQuery(projectId, statuses, step, sort, metricSort, descending, null, limit, metrics);
    }

    /**
     * The opaque text of a cursor for this sort: base64url of sort, order, phase, counter and value. The sort is
     * inside so that a cursor of another sort is refused instead of silently skipping rows.
     */
    public String encode(Cursor cursor) {
        String text = sortName() + '\n' + order() + '\n' + (cursor.nullPhase() ? 'n' : 'v') + '\n' + cursor.counter()
                + '\n' + (cursor.value() == null ? "" : cursor.value());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a query from request parameters: {@code status} (repeated or comma-separated), {@code step},
     * {@code sort}, {@code order}, {@code after} (a cursor), {@code before} (the older counter-only cursor),
     * {@code limit} and {@code metrics} (comma-separated). Blank filters mean "any", as an HTML form sends them.
     */
    public static ExecutionQuery parse(String projectId, Map<String, List<String>> parameters) {
        Set<ExecutionStatus> statuses = EnumSet.noneOf(ExecutionStatus.class);
        for (String value : values(parameters, "status")) {
            try {
                statuses.add(ExecutionStatus.valueOf(value.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid("invalid-status", "status '" + shortened(value)
                        + "' is not one of queued, started, stopping, complete, error, stopped", "status");
            }
        }
        String step = first(parameters, "step");
        if (step != null && (step.isBlank() || step.length() > MAX_NAME_LENGTH)) {
            step = requireName(step, "step");
        }
        String sortText = first(parameters, "sort");
        Column sort = Column.COUNTER;
        String metricSort = null;
        if (sortText != null && !sortText.isEmpty()) {
            if (sortText.startsWith(METRIC_PREFIX)) {
                sort = Column.METRIC;
                metricSort = requireName(sortText.substring(METRIC_PREFIX.length()), "sort");
            } else {
                sort = null;
                for (Column column : Column.values()) {
                    if (column != Column.METRIC && column.apiName.equals(sortText)) {
                        sort = column;
                    }
                }
                if (sort == null) {
                    throw DomainException.invalid("invalid-sort", "sort by counter, created, started, duration,"
                            + " status, step, title or metric:<name>, not '" + shortened(sortText) + "'", "sort");
                }
            }
        }
        String order = first(parameters, "order");
        boolean descending;
        if (order == null || order.isEmpty()) {
            descending = sort == Column.COUNTER || sort == Column.CREATED || sort == Column.STARTED;
        } else if (order.equals("asc") || order.equals("desc")) {
            descending = order.equals("desc");
        } else {
            throw DomainException.invalid("invalid-order", "order is asc or desc", "order");
        }
        String limitText = first(parameters, "limit");
        int limit = DEFAULT_LIMIT;
        if (limitText != null) {
            limit = number(limitText, "limit", "invalid-limit");
            if (limit < 1 || limit > MAX_LIMIT) {
                throw DomainException.invalid("invalid-limit", "limit must be between 1 and " + MAX_LIMIT, "limit");
            }
        }
        List<String> metrics = new ArrayList<>(new LinkedHashSet<>(values(parameters, "metrics")));
        for (String metric : metrics) {
            requireName(metric, "metrics");
        }
        if (metrics.size() > MAX_METRICS) {
            throw DomainException.invalid("too-many-metrics", "ask for at most " + MAX_METRICS + " metrics",
                    "metrics");
        }
        ExecutionQuery query = new ExecutionQuery(projectId, statuses, step, sort, metricSort, descending, null, limit,
                List.copyOf(metrics));
        String after = first(parameters, "after");
        String before = first(parameters, "before");
        if (after != null && !after.isEmpty()) {
            return query.startingAfter(query.decode(after));
        }
        if (before != null) {
            int counter = number(before, "before", "invalid-before");
            if (sort != Column.COUNTER || !descending) {
                throw DomainException.invalid("invalid-before", "before works with the default sort only; use the"
                        + " cursor given as after", "before");
            }
            return query.startingAfter(new Cursor(false, Integer.toString(counter), counter));
        }
        return query;
    }

    private ExecutionQuery startingAfter(Cursor cursor) {
        return new ExecutionQuery(projectId, statuses, step, sort, metricSort, descending, cursor, limit, metrics);
    }

    private Cursor decode(String text) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\n", 5);
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
        if (parts.length != 5 || !(parts[2].equals("v") || parts[2].equals("n"))) {
            throw invalidCursor();
        }
        if (!parts[0].equals(sortName()) || !parts[1].equals(order())) {
            throw DomainException.invalid("invalid-cursor", "this cursor belongs to sort=" + shortened(parts[0])
                    + "&order=" + shortened(parts[1]) + "; start again without after to change the sort", "after");
        }
        boolean nullPhase = parts[2].equals("n");
        int counter;
        try {
            counter = Integer.parseInt(parts[3]);
            if (!nullPhase) {
                switch (sort) {
                    case COUNTER -> Integer.parseInt(parts[4]);
                    case CREATED, STARTED, DURATION -> Long.parseLong(parts[4]);
                    case METRIC -> Double.parseDouble(parts[4]);
                    default -> { }
                }
            }
        } catch (NumberFormatException e) {
            throw invalidCursor();
        }
        return new Cursor(nullPhase, nullPhase ? null : parts[4], counter);
    }

    private static DomainException invalidCursor() {
        return DomainException.invalid("invalid-cursor", "after must be a cursor as a previous page gave it", "after");
    }

    /** Every value of a parameter, repeated or comma-separated, blanks left out. */
    private static List<String> values(Map<String, List<String>> parameters, String name) {
        List<String> values = new ArrayList<>();
        for (String value : parameters.getOrDefault(name, List.of())) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        }
        return values;
    }

    /** The first value of a parameter; blank counts as absent for the filters a form sends empty. */
    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        String value = values == null || values.isEmpty() ? null : values.get(0);
        if (value != null && value.isBlank() && (name.equals("step") || name.equals("sort")
                || name.equals("order") || name.equals("after"))) {
            return null;
        }
        return value;
    }

    private static String requireName(String name, String field) {
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw DomainException.invalid("invalid-name", field + " takes names of 1 to " + MAX_NAME_LENGTH
                    + " characters", field);
        }
        return name;
    }

    private static int number(String text, String field, String code) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw DomainException.invalid(code, field + " must be a whole number, not '" + shortened(text) + "'",
                    field);
        }
    }

    private static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "\u2026";
    }
}
