package io.lathe.server.executions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The last, smallest and largest value of every top-level numeric metadata key of one execution, as the metadata
 * writer stores its points: what the executions table shows and sorts by, and what a hyperparameter task reads as a
 * trial's objective. Values are gathered in memory and written once per flush of the writer, as two statement
 * batches (update the keys already stored, insert the new ones) that run alike on H2 and PostgreSQL: only the
 * execution's own writer writes its rows, so no two writers race for a key. Not thread-safe: the writer's thread
 * alone uses it.
 */
final class MetricRollup {

    /** Keys kept per execution: a step printing a new key per point must not grow the table without bound. */
    static final int MAX_KEYS = 1000;
    static final int MAX_KEY_LENGTH = 200;

    private static final class Change {
        double last;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long points;

        void add(double value) {
            last = value;
            min = Math.min(min, value);
            max = Math.max(max, value);
            points++;
        }
    }

    private final String executionId;
    private String projectId;
    private int counter;
    private final Set<String> stored = new HashSet<>();
    private final Map<String, Change> pending = new LinkedHashMap<>();
    /** The numbers of the point being read, kept until the point turns out to be a whole JSON object. */
    private String[] pointKeys = new String[8];
    private double[] pointValues = new double[8];
    private int pointSize;

    MetricRollup(String executionId) {
        this.executionId = executionId;
    }

    /** Reads what the execution already has (a writer may resume after a restart); once, before the first point. */
    void load(Connection connection) throws SQLException {
        try (PreparedStatement execution = connection.prepareStatement(
                "SELECT project_id, counter FROM execution WHERE id = ?")) {
            execution.setString(1, executionId);
            try (ResultSet row = execution.executeQuery()) {
                if (row.next()) {
                    projectId = row.getString(1);
                    counter = row.getInt(2);
                }
            }
        }
        try (PreparedStatement names = connection.prepareStatement(
                "SELECT name FROM execution_metric WHERE execution_id = ?")) {
            names.setString(1, executionId);
            try (ResultSet rows = names.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
            }
        }
    }

    /** A top-level number of the point being read; see {@link #acceptPoint} and {@link #dropPoint}. */
    void number(String key, double value) {
        if (pointSize == pointKeys.length) {
            pointKeys = java.util.Arrays.copyOf(pointKeys, pointSize * 2);
            pointValues = java.util.Arrays.copyOf(pointValues, pointSize * 2);
        }
        pointKeys[pointSize] = key;
        pointValues[pointSize] = value;
        pointSize++;
    }

    /** The point was stored: its numbers count. */
    void acceptPoint() {
        for (int i = 0; i < pointSize; i++) {
            String key = pointKeys[i];
            double value = pointValues[i];
            if (!Double.isFinite(value) || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
                continue;
            }
            Change change = pending.get(key);
            if (change == null) {
                if (!stored.contains(key) && stored.size() + pending.size() >= MAX_KEYS) {
                    continue;
                }
                change = new Change();
                pending.put(key, change);
            }
            change.add(value);
        }
        dropPoint();
    }

    /** The point was not a JSON object after all. */
    void dropPoint() {
        pointSize = 0;
        // Let go of the key strings: the arrays live as long as the writer.
        java.util.Arrays.fill(pointKeys, null);
    }

    /** Writes what changed since the last flush, in the caller's transaction. */
    void flush(Connection connection) throws SQLException {
        if (pending.isEmpty() || projectId == null) {
            pending.clear();
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE execution_metric SET last_value = ?, "
                + "min_value = LEAST(min_value, ?), max_value = GREATEST(max_value, ?), points = points + ? "
                + "WHERE execution_id = ? AND name = ?");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO execution_metric (execution_id, "
                        + "name, project_id, counter, last_value, min_value, max_value, points) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            boolean updates = false;
            boolean inserts = false;
            for (Map.Entry<String, Change> entry : pending.entrySet()) {
                Change change = entry.getValue();
                if (stored.contains(entry.getKey())) {
                    update.setDouble(1, change.last);
                    update.setDouble(2, change.min);
                    update.setDouble(3, change.max);
                    update.setLong(4, change.points);
                    update.setString(5, executionId);
                    update.setString(6, entry.getKey());
                    update.addBatch();
                    updates = true;
                } else {
                    insert.setString(1, executionId);
                    insert.setString(2, entry.getKey());
                    insert.setString(3, projectId);
                    insert.setInt(4, counter);
                    insert.setDouble(5, change.last);
                    insert.setDouble(6, change.min);
                    insert.setDouble(7, change.max);
                    insert.setLong(8, change.points);
                    insert.addBatch();
                    inserts = true;
                }
            }
            if (updates) {
                update.executeBatch();
            }
            if (inserts) {
                insert.executeBatch();
            }
        }
        stored.addAll(pending.keySet());
        pending.clear();
    }
}
