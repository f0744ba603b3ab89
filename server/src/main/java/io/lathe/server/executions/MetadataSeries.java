package io.lathe.server.executions;

import ch.randelshofer.fastdoubleparser.JsonDoubleParser;
import jakarta.json.JsonException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * An execution's metadata as chart series: one {@link MetricSeries} per numeric top-level key (but {@code step} and
 * {@code epoch}, which are x axes), fed point by point in printed order. Memory is bounded by the number of keys
 * times the points asked for, not by the length of the run; keys beyond {@link #MAX_KEYS} are left out.
 */
final class MetadataSeries {

    /** The most series one answer holds: a run that prints thousands of distinct keys must not exhaust memory. */
    static final int MAX_KEYS = 100;

    private static final JsonProvider JSON = JsonProvider.provider();

    private final int limit;
    private final long totalPoints;
    private final Map<String, MetricSeries> series = new LinkedHashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();
    private boolean keysOmitted;
    private long line;

    /**
     * @param limit the most points a series may hold
     * @param totalPoints how many points will be added (the downsampling buckets are cut by position)
     */
    MetadataSeries(int limit, long totalPoints) {
        this.limit = limit;
        this.totalPoints = totalPoints;
    }

    /**
     * Reads the points stored for execution {@code id} up to now, chunk by chunk. The chunks counted first are the
     * ones read, so points stored meanwhile by a running execution wait for the next call.
     */
    static MetadataSeries read(DataSource dataSource, String id, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            long total;
            long lastChunk;
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT COALESCE(SUM(points), 0), COALESCE(MAX(seq), -1) FROM metadata_chunk"
                            + " WHERE execution_id = ?")) {
                count.setString(1, id);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    total = rows.getLong(1);
                    lastChunk = rows.getLong(2);
                }
            }
            MetadataSeries metadata = new MetadataSeries(limit, total);
            try (PreparedStatement chunks = connection.prepareStatement(
                    "SELECT data FROM metadata_chunk WHERE execution_id = ? AND seq <= ? ORDER BY seq")) {
                chunks.setString(1, id);
                chunks.setLong(2, lastChunk);
                chunks.setFetchSize(16);
                try (ResultSet rows = chunks.executeQuery()) {
                    while (rows.next()) {
                        metadata.addChunk(rows.getString(1));
                    }
                }
            }
            return metadata;
        }
    }

    /** Adds the points of one stored chunk: one JSON object per line. */
    void addChunk(String data) {
        int start = 0;
        while (start <= data.length()) {
            int end = data.indexOf('\n', start);
            if (end < 0) {
                end = data.length();
            }
            addPoint(data.substring(start, end));
            start = end + 1;
        }
    }

    /** Adds the next point; a line that is not a JSON object still takes its position. */
    void addPoint(String json) {
        long position = line++;
        if (!readNumbers(json)) {
            return;
        }
        double step = Double.NaN;
        double epoch = Double.NaN;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals("step")) {
                step = values.get(i);
            } else if (names.get(i).equals("epoch")) {
                epoch = values.get(i);
            }
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.equals("step") || name.equals("epoch")) {
                continue;
            }
            MetricSeries of = series.get(name);
            if (of == null) {
                if (series.size() >= MAX_KEYS) {
                    keysOmitted = true;
                    continue;
                }
                of = new MetricSeries(name, limit, totalPoints);
                series.put(name, of);
            }
            of.add(position, step, epoch, values.get(i));
        }
    }

    /** Collects the point's finite numeric top-level values into {@link #names} and {@link #values}. */
    private boolean readNumbers(String json) {
        names.clear();
        values.clear();
        try (JsonParser parser = JSON.createParser(new StringReader(json))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return false;
            }
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event != JsonParser.Event.KEY_NAME) {
                    break;
                }
                String name = parser.getString();
                switch (parser.next()) {
                    case VALUE_NUMBER -> {
                        double value = JsonDoubleParser.parseDouble(parser.getString());
                        if (Double.isFinite(value)) {
                            names.add(name);
                            values.add(value);
                        }
                    }
                    case START_OBJECT -> parser.skipObject();
                    case START_ARRAY -> parser.skipArray();
                    default -> {
                    }
                }
            }
            return true;
        } catch (JsonException | NumberFormatException e) {
            return false;
        }
    }

    List<MetricSeries.Result> results() {
        return series.values().stream().map(MetricSeries::result).toList();
    }

    /** Whether keys past {@link #MAX_KEYS} were left out. */
    boolean keysOmitted() {
        return keysOmitted;
    }

    /** How many points were read. */
    long points() {
        return line;
    }
}
