package io.lathe.server.executions;

import io.lathe.server.platform.Limits;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Stores an execution's metadata: every stdout line that is a JSON object becomes a point, in order, with
 * {@code _time} added. Lines are handed over from the log reader without parsing (so the job is not slowed) and
 * parsed and inserted here, on a thread of its own, in JDBC batches. When the database falls behind, the bounded
 * queue slows the job down rather than dropping points. Lines longer than the limit
 * ({@code LATHE_MAX_METADATA_LINE_BYTES}) are not points; they stay in the log.
 */
final class MetadataWriter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MetadataWriter.class.getName());
    private static final int BATCH = 2000;
    private static final Point END = new Point(null, 0);

    private record Point(String line, long millis) {
    }

    private final DataSource dataSource;
    private final String executionId;
    private final BlockingQueue<Point> queue = new ArrayBlockingQueue<>(50_000);
    private final Thread worker;
    private final int maxLineBytes;
    private final AtomicBoolean refusedBefore = new AtomicBoolean();
    private long stored;
    private volatile Exception failure;

    MetadataWriter(DataSource dataSource, String executionId, ThreadFactory threads, int maxLineBytes) {
        this.dataSource = dataSource;
        this.executionId = executionId;
        this.maxLineBytes = maxLineBytes;
        this.worker = threads.newThread(this::drain);
        this.worker.setName("lathe-metadata-" + executionId);
        this.worker.start();
    }

    /** Whether a log line may be a metadata point; cheap enough for every line. */
    static boolean mayBePoint(String line) {
        int length = line.length();
        int first = 0;
        while (first < length && Character.isWhitespace(line.charAt(first))) {
            first++;
        }
        int last = length - 1;
        while (last > first && Character.isWhitespace(line.charAt(last))) {
            last--;
        }
        return last > first && line.charAt(first) == '{' && line.charAt(last) == '}';
    }

    /**
     * Queues a line to become a point, unless it is longer than the limit.
     *
     * @return the first time a line is refused, a note for the log saying so; otherwise empty
     */
    Optional<String> offer(String line, long millis) {
        long bytes = utf8Length(line, maxLineBytes);
        if (bytes > maxLineBytes) {
            if (refusedBefore.getAndSet(true)) {
                return Optional.empty();
            }
            return Optional.of("[lathe] a line of more than " + maxLineBytes + " bytes looks like metadata but is"
                    + " only kept in the log: it is longer than the limit " + Limits.MAX_METADATA_LINE_BYTES + " = "
                    + maxLineBytes + " (later lines over the limit are not noted)");
        }
        try {
            queue.put(new Point(line, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    /** The length of {@code text} in UTF-8, counted up to a little past {@code enough}. */
    static long utf8Length(String text, long enough) {
        if (text.length() > enough) {
            return text.length();
        }
        long bytes = 0;
        for (int i = 0; i < text.length() && bytes <= enough; i++) {
            char c = text.charAt(i);
            // A surrogate pair is four bytes: two for each half.
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** Waits until every point offered is stored. */
    @Override
    public void close() {
        try {
            queue.put(END);
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            LOG.log(Level.SEVERE, "metadata of " + executionId + " was not fully stored", failure);
        }
    }

    long stored() {
        return stored;
    }

    private void drain() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            long seq = nextSeq(connection);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO metadata_point (execution_id, seq, data) VALUES (?, ?, ?)")) {
                List<Point> batch = new ArrayList<>(BATCH);
                boolean ended = false;
                while (!ended) {
                    batch.add(queue.take());
                    queue.drainTo(batch, BATCH - 1);
                    int pending = 0;
                    for (Point point : batch) {
                        if (point == END) {
                            ended = true;
                            break;
                        }
                        String data = normalise(point);
                        if (data != null) {
                            insert.setString(1, executionId);
                            insert.setLong(2, seq++);
                            insert.setString(3, data);
                            insert.addBatch();
                            pending++;
                        }
                    }
                    if (pending > 0) {
                        insert.executeBatch();
                        connection.commit();
                        stored += pending;
                    }
                    batch.clear();
                }
            }
        } catch (SQLException | RuntimeException e) {
            failure = e;
            queue.clear();
            drainUntilEnd();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** After a failure, keep taking points so the job is never blocked on a full queue. */
    private void drainUntilEnd() {
        try {
            while (queue.take() != END) {
                queue.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long nextSeq(Connection connection) throws SQLException {
        try (PreparedStatement max = connection.prepareStatement(
                "SELECT COALESCE(MAX(seq), -1) FROM metadata_point WHERE execution_id = ?")) {
            max.setString(1, executionId);
            try (var rows = max.executeQuery()) {
                rows.next();
                return rows.getLong(1) + 1;
            }
        }
    }

    /** The point's JSON with {@code _time} first, or null when the line is not a JSON object after all. */
    static String normalise(Point point) {
        String line = point.line().strip();
        JsonObject object;
        try {
            object = Json.createReader(new StringReader(line)).readObject();
        } catch (JsonParsingException | IllegalStateException e) {
            return null;
        } catch (JsonException e) {
            return null;
        }
        if (object.containsKey("_time")) {
            return line;
        }
        String time = "{\"_time\":\"" + Instant.ofEpochMilli(point.millis()) + "\"";
        return object.isEmpty() ? time + "}" : time + "," + line.substring(1);
    }

    static String normalise(String line, long millis) {
        return normalise(new Point(line, millis));
    }
}
