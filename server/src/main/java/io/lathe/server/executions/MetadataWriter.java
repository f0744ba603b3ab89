package io.lathe.server.executions;

import io.lathe.server.platform.JsonText;
import io.lathe.server.platform.Limits;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Stores an execution's metadata: every stdout line that is a JSON object becomes a point, in order, with
 * {@code _time} added. Lines are handed over from the log reader without parsing (so the job is not slowed) and
 * parsed and stored here, on a thread of its own, many points to a row (one per line of the row's text: JSON
 * text of one line never holds a newline), each point within {@link #LIVE_DELAY_NANOS} of its arrival. When the
 * database falls behind, the bounded queue slows the job down rather than dropping points. Lines longer than the limit
 * ({@code LATHE_MAX_METADATA_LINE_BYTES}) are not points; they stay in the log. With every flush the execution's
 * latest numeric values ({@link MetricRollup}) are written in the same transaction as the points.
 */
final class MetadataWriter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MetadataWriter.class.getName());
    private static final int BATCH = 5000;
    /** Points per stored chunk, and the text size after which a chunk is stored: well under H2's 1 M chars. */
    static final int CHUNK_POINTS = 2000;
    static final int CHUNK_CHARS = 512 * 1024;
    /**
     * How long a point may wait for its chunk to fill before it is stored anyway. Storing whatever had arrived
     * each time the queue ran dry meant a transaction every few points from a step printing line by line, which
     * cost more than the points themselves.
     */
    static final long LIVE_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** After taking fewer points than this, wait {@link #GATHER_MILLIS} for more before taking again. */
    private static final int SMALL_BATCH = 1000;
    private static final long GATHER_MILLIS = 10;
    private static final Point END = new Point(null, 0);

    private record Point(String line, long millis) {
    }

    /** Formats instants, remembering the last: points printed in the same millisecond share one string. */
    private static final class TimeText {
        private long millis = Long.MIN_VALUE;
        private String text;

        synchronized String format(long at) {
            if (at != millis) {
                millis = at;
                text = Instant.ofEpochMilli(at).toString();
            }
            return text;
        }
    }

    private static final TimeText TIMES = new TimeText();

    private final DataSource dataSource;
    private final String executionId;
    private final BlockingQueue<Point> queue = new ArrayBlockingQueue<>(50_000);
    private final ThreadFactory threads;
    /** Started with the first point: most steps print none, and then cost no thread and no connection. */
    private Thread worker;
    private final int maxLineBytes;
    private final AtomicBoolean refusedBefore = new AtomicBoolean();
    private long stored;
    private volatile Exception failure;

    MetadataWriter(DataSource dataSource, String executionId, ThreadFactory threads, int maxLineBytes) {
        this.dataSource = dataSource;
        this.executionId = executionId;
        this.maxLineBytes = maxLineBytes;
        this.threads = threads;
    }

    private synchronized void startWorker() {
        if (worker == null) {
            worker = threads.newThread(this::drain);
            worker.setName("lathe-metadata-" + executionId);
            worker.start();
        }
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
        if (worker == null) {
            startWorker();
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
        synchronized (this) {
            if (worker == null) {
                return;
            }
        }
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
            long chunk = nextChunk(connection);
            MetricRollup metrics = new MetricRollup(executionId);
            metrics.load(connection);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO metadata_chunk (execution_id, seq, points, data) VALUES (?, ?, ?, ?)")) {
                List<Point> batch = new ArrayList<>(BATCH);
                StringBuilder data = new StringBuilder(CHUNK_CHARS + 1024);
                int points = 0;
                // When the points of the unfinished chunk must be stored by, so that a live chart sees them.
                long storeBy = 0;
                boolean ended = false;
                while (!ended) {
                    Point first = points == 0 ? queue.take()
                            : queue.poll(Math.max(0, storeBy - System.nanoTime()), TimeUnit.NANOSECONDS);
                    int written = 0;
                    if (first != null) {
                        batch.add(first);
                        queue.drainTo(batch, BATCH - 1);
                    }
                    int drained = batch.size();
                    for (Point point : batch) {
                        if (point == END) {
                            ended = true;
                            break;
                        }
                        String json = normalise(point, metrics::number);
                        if (json == null) {
                            metrics.dropPoint();
                            continue;
                        }
                        metrics.acceptPoint();
                        if (points == 0) {
                            storeBy = System.nanoTime() + LIVE_DELAY_NANOS;
                        } else {
                            data.append('\n');
                        }
                        data.append(json);
                        points++;
                        if (points >= CHUNK_POINTS || data.length() >= CHUNK_CHARS) {
                            write(insert, chunk++, points, data);
                            written++;
                            points = 0;
                        }
                    }
                    batch.clear();
                    if (points > 0 && (ended || System.nanoTime() - storeBy >= 0)) {
                        write(insert, chunk++, points, data);
                        written++;
                        points = 0;
                    }
                    if (written > 0) {
                        metrics.flush(connection);
                        connection.commit();
                    }
                    if (!ended && first != null && drained < SMALL_BATCH) {
                        // A step printing line by line would otherwise wake this thread for every line.
                        Thread.sleep(GATHER_MILLIS);
                    }
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

    private void write(PreparedStatement insert, long chunk, int points, StringBuilder data) throws SQLException {
        insert.setString(1, executionId);
        insert.setLong(2, chunk);
        insert.setInt(3, points);
        insert.setString(4, data.toString());
        insert.executeUpdate();
        stored += points;
        data.setLength(0);
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

    private long nextChunk(Connection connection) throws SQLException {
        try (PreparedStatement max = connection.prepareStatement(
                "SELECT COALESCE(MAX(seq), -1) FROM metadata_chunk WHERE execution_id = ?")) {
            max.setString(1, executionId);
            try (var rows = max.executeQuery()) {
                rows.next();
                return rows.getLong(1) + 1;
            }
        }
    }

    /** The point's JSON with {@code _time} first, or null when the line is not a JSON object after all. */
    static String normalise(Point point, JsonText.NumberSink numbers) {
        String line = point.line().strip();
        switch (JsonText.scanObject(line, "_time", numbers)) {
            case WITH_KEY:
                return line;
            case EMPTY:
                return "{\"_time\":\"" + TIMES.format(point.millis()) + "\"}";
            case WITHOUT_KEY:
                return "{\"_time\":\"" + TIMES.format(point.millis()) + "\"," + line.substring(1);
            default:
                return null;
        }
    }

    static String normalise(String line, long millis) {
        return normalise(new Point(line, millis), null);
    }
}
