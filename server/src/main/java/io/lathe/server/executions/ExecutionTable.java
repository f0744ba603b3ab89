package io.lathe.server.executions;

import io.lathe.server.platform.LatheDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Pages of a project's executions as the executions table shows them: filtered by status and step, sorted by any
 * column or by the latest value of a metric, with keyset paging (no OFFSET: every page is an index range scan, so
 * the last page of 100,000 executions costs what the first does). A page is three queries whatever its size: the
 * ids in order, the executions, and the requested metrics of those executions.
 */
@ApplicationScoped
public class ExecutionTable {

    /** At most this many step and metric names are offered as filter and column choices. */
    public static final int MAX_CHOICES = 200;

    @Resource(lookup = LatheDataSource.JNDI_NAME)
    private DataSource dataSource;

    @PersistenceContext(unitName = "lathe")
    private EntityManager em;

    /**
     * One page of the table.
     *
     * @param metrics per execution id, the requested metrics it has (name → latest value)
     * @param next the cursor of the next page, or null on the last page
     */
    public record Page(List<Execution> executions, Map<String, Map<String, Double>> metrics, String next) {
    }

    private record Row(String id, String value, int counter, boolean nullPhase) {
    }

    public Page page(ExecutionQuery query) {
        List<Row> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            ExecutionQuery.Cursor after = query.after();
            if (query.sort() == ExecutionQuery.Column.COUNTER && query.statuses().size() > 1) {
                rows.addAll(byCounterPerStatus(connection, query));
            } else if (after == null || !after.nullPhase()) {
                rows.addAll(select(connection, query, false, after, query.limit() + 1));
            }
            if (query.sort().nullable && rows.size() <= query.limit()) {
                ExecutionQuery.Cursor nullAfter = after != null && after.nullPhase() ? after : null;
                rows.addAll(select(connection, query, true, nullAfter, query.limit() + 1 - rows.size()));
            }
            String next = null;
            if (rows.size() > query.limit()) {
                rows = rows.subList(0, query.limit());
                Row last = rows.get(rows.size() - 1);
                next = query.encode(new ExecutionQuery.Cursor(last.nullPhase(), last.value(), last.counter()));
            }
            List<String> ids = rows.stream().map(Row::id).toList();
            return new Page(load(ids), metrics(connection, ids, query.metrics()), next);
        } catch (SQLException e) {
            throw new IllegalStateException("listing executions of " + query.projectId() + " failed", e);
        }
    }

    /**
     * Several statuses by counter: one query per status, each in the order of the (project, status, counter) index,
     * merged here. With "status IN (...)" H2 picks that index for the filter and then sorts every match.
     */
    private List<Row> byCounterPerStatus(Connection connection, ExecutionQuery query) throws SQLException {
        List<Row> rows = new ArrayList<>();
        for (ExecutionStatus status : query.statuses()) {
            ExecutionQuery one = new ExecutionQuery(query.projectId(), java.util.EnumSet.of(status), query.step(),
                    query.sort(), query.metricSort(), query.descending(), query.after(), query.limit(),
                    query.metrics());
            rows.addAll(select(connection, one, false, query.after(), query.limit() + 1));
        }
        Comparator<Row> byCounter = Comparator.comparingInt(Row::counter);
        rows.sort(query.descending() ? byCounter.reversed() : byCounter);
        return rows.size() > query.limit() + 1 ? rows.subList(0, query.limit() + 1) : rows;
    }

    /**
     * The ids of the next rows in order: those with a value in the sort column ({@code nullPhase} false), or those
     * without (which come last, by counter).
     *
     * <p>Every query is written so that one index gives its order and the database stops after {@code limit} rows:
     * the ORDER BY names the index's leading columns too (constant here, but H2 only sees that an index gives the
     * order when the ORDER BY is a prefix of its columns) and the sort column always has a range condition (so H2
     * prefers that index to the bare project index). PostgreSQL reads the same statements the same way.
     */
    private List<Row> select(Connection connection, ExecutionQuery query, boolean nullPhase,
            ExecutionQuery.Cursor after, int limit) throws SQLException {
        ExecutionQuery.Column sort = query.sort();
        boolean metric = sort == ExecutionQuery.Column.METRIC;
        String direction = query.descending() ? " DESC" : " ASC";
        String beyond = query.descending() ? " < ?" : " > ?";
        List<Object> arguments = new ArrayList<>();
        List<String> order = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT e.id, ");
        String counter = metric && !nullPhase ? "m.counter" : "e.counter";
        sql.append(nullPhase ? "NULL" : sort.sql).append(", ").append(counter);
        if (metric && !nullPhase) {
            // The metric's own index (project, name, value, counter) gives the order; the join only filters.
            sql.append(" FROM execution_metric m JOIN execution e ON e.id = m.execution_id"
                    + " WHERE m.project_id = ? AND m.name = ?");
            arguments.add(query.projectId());
            arguments.add(query.metricSort());
            order.addAll(List.of("m.project_id", "m.name"));
        } else {
            sql.append(" FROM execution e WHERE e.project_id = ?");
            arguments.add(query.projectId());
            order.add("e.project_id");
        }
        if (query.statuses().size() == 1) {
            sql.append(" AND e.status = ?");
            arguments.add(query.statuses().iterator().next().name());
        } else if (!query.statuses().isEmpty()) {
            sql.append(" AND e.status IN (").append(placeholders(query.statuses().size())).append(')');
            query.statuses().forEach(status -> arguments.add(status.name()));
        }
        if (query.step() != null) {
            sql.append(" AND e.step_name = ?");
            arguments.add(query.step());
        }
        boolean byCounter = nullPhase || sort == ExecutionQuery.Column.COUNTER;
        if (byCounter && !metric) {
            // By counter, a filter's own index (project, status or step, counter) gives the order.
            if (nullPhase) {
                order.add(sort.sql);
            } else if (query.statuses().size() == 1) {
                order.add("e.status");
            } else if (query.step() != null) {
                order.add("e.step_name");
            }
        }
        if (nullPhase) {
            if (metric) {
                sql.append(" AND NOT EXISTS (SELECT 1 FROM execution_metric m WHERE m.execution_id = e.id"
                        + " AND m.name = ?)");
                arguments.add(query.metricSort());
            } else {
                sql.append(" AND ").append(sort.sql).append(" IS NULL");
            }
            sql.append(" AND e.counter").append(beyond);
            arguments.add(after == null ? (query.descending() ? Integer.MAX_VALUE : Integer.MIN_VALUE)
                    : after.counter());
        } else if (sort == ExecutionQuery.Column.COUNTER) {
            sql.append(" AND e.counter").append(beyond);
            arguments.add(after == null ? (query.descending() ? Integer.MAX_VALUE : Integer.MIN_VALUE)
                    : after.counter());
        } else if (after == null) {
            // Every value is at least the lowest: a range for the index to start from, in either order, that
            // also leaves out rows without a value (they come in the null phase).
            sql.append(" AND ").append(sort.sql).append(" >= ?");
            arguments.add(lowest(sort));
        } else {
            // "value <= v AND (value < v OR counter < c)": the first half is a range an index can seek to.
            Object value = typed(sort, after.value());
            sql.append(" AND ").append(sort.sql).append(query.descending() ? " <= ?" : " >= ?")
                    .append(" AND (").append(sort.sql).append(beyond).append(" OR ").append(counter).append(beyond)
                    .append(')');
            arguments.add(value);
            arguments.add(value);
            arguments.add(after.counter());
        }
        if (!nullPhase && sort != ExecutionQuery.Column.COUNTER) {
            order.add(sort.sql);
        }
        order.add(counter);
        sql.append(" ORDER BY ").append(order.stream().map(column -> column + direction)
                .collect(Collectors.joining(", ")));
        sql.append(" LIMIT ?");
        arguments.add(limit);
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            bind(statement, arguments);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString(1), nullPhase ? null : text(sort, result, 2), result.getInt(3),
                            nullPhase));
                }
            }
        }
        return rows;
    }

    /** A value no real one of the column is below ('' sorts first under every collation). */
    private static Object lowest(ExecutionQuery.Column sort) {
        return switch (sort) {
            case CREATED, STARTED, DURATION -> Long.MIN_VALUE;
            case METRIC -> -Double.MAX_VALUE;
            default -> "";
        };
    }

    /** The sort value as the cursor keeps it: exact, so that the next page starts exactly after it. */
    private static String text(ExecutionQuery.Column sort, ResultSet result, int column) throws SQLException {
        return switch (sort) {
            case COUNTER -> Integer.toString(result.getInt(column));
            case CREATED, STARTED, DURATION -> Long.toString(result.getLong(column));
            case METRIC -> Double.toString(result.getDouble(column));
            default -> result.getString(column);
        };
    }

    private static Object typed(ExecutionQuery.Column sort, String value) {
        return switch (sort) {
            case COUNTER -> Integer.parseInt(value);
            case CREATED, STARTED, DURATION -> Long.parseLong(value);
            case METRIC -> Double.parseDouble(value);
            default -> value;
        };
    }

    private List<Execution> load(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Execution> byId = em.createQuery("SELECT e FROM Execution e WHERE e.id IN :ids", Execution.class)
                .setParameter("ids", ids).getResultStream()
                .collect(Collectors.toMap(Execution::id, Function.identity()));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    private Map<String, Map<String, Double>> metrics(Connection connection, List<String> ids, List<String> names)
            throws SQLException {
        if (ids.isEmpty() || names.isEmpty()) {
            return Map.of();
        }
        Map<String, Map<String, Double>> metrics = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT execution_id, name, last_value"
                + " FROM execution_metric WHERE execution_id IN (" + placeholders(ids.size()) + ") AND name IN ("
                + placeholders(names.size()) + ")")) {
            List<Object> arguments = new ArrayList<>(ids);
            arguments.addAll(names);
            bind(statement, arguments);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    metrics.computeIfAbsent(result.getString(1), id -> new LinkedHashMap<>())
                            .put(result.getString(2), result.getDouble(3));
                }
            }
        }
        return metrics;
    }

    /** The step names the project's executions have, in order (for the step filter). */
    public List<String> steps(String projectId) {
        return distinct("execution", "step_name", projectId);
    }

    /** The metric names the project's executions have, in order (for the choice of metric columns). */
    public List<String> metricNames(String projectId) {
        return distinct("execution_metric", "name", projectId);
    }

    /**
     * The distinct values of an indexed (project_id, column, ...) pair, by skipping from one to the next through the
     * index: one short query per name found (at most {@link #MAX_CHOICES}), where SELECT DISTINCT would read every
     * row of the project, on H2 and PostgreSQL alike.
     */
    private List<String> distinct(String table, String column, String projectId) {
        String sql = "SELECT " + column + " FROM " + table + " WHERE project_id = ? AND " + column + " > ?"
                + " ORDER BY project_id, " + column + " LIMIT 1";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            List<String> names = new ArrayList<>();
            String last = "";
            // '' is below every name: the first step finds the smallest.
            while (names.size() < MAX_CHOICES) {
                statement.setString(1, projectId);
                statement.setString(2, last);
                try (ResultSet result = statement.executeQuery()) {
                    if (!result.next()) {
                        break;
                    }
                    last = result.getString(1);
                    names.add(last);
                }
            }
            return Collections.unmodifiableList(names);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the " + column + " values of " + projectId + " failed", e);
        }
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static void bind(PreparedStatement statement, List<Object> arguments) throws SQLException {
        for (int i = 0; i < arguments.size(); i++) {
            statement.setObject(i + 1, arguments.get(i));
        }
    }
}
