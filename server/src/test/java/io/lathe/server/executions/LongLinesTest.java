package io.lathe.server.executions;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.compute.LogStream;
import io.lathe.server.platform.LatheSettings;
import io.lathe.server.platform.Limits;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a job prints beyond the log and metadata line limits: kept, cut or left out, and never a failure. */
class LongLinesTest {

    private static final String EXECUTION = "e-long-lines";

    @TempDir
    Path home;

    private final JdbcDataSource database = new JdbcDataSource();
    private ExecutionLogs logs;

    @BeforeEach
    void createMetadataTable() throws SQLException {
        database.setURL("jdbc:h2:mem:long-lines-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            MetricRollupTest.createTables(statement);
        }
    }

    @AfterEach
    void stopFlusher() {
        if (logs != null) {
            logs.stopFlusher();
        }
    }

    @Test
    void aLineOverTheLimitIsCutBetweenCharactersAndMarkedWithTheLimit() {
        assertEquals("abc", new String(ExecutionLog.stored("abc", 3), UTF_8));
        // '€' is three bytes: keeping "ab" and half of it would leave a broken character.
        assertEquals("ab\u2026 [line cut at 3 bytes by LATHE_MAX_LOG_LINE_BYTES]",
                new String(ExecutionLog.stored("ab€cd", 3), UTF_8));
        assertEquals("ab€\u2026 [line cut at 5 bytes by LATHE_MAX_LOG_LINE_BYTES]",
                new String(ExecutionLog.stored("ab€cd", 5), UTF_8));
    }

    @Test
    void aJobPrintingLongLinesGoesOnAndItsLogHoldsThemCut() {
        Job job = job(100, 1_000);
        job.run.log(LogStream.STDOUT, "x".repeat(250));
        job.run.log(LogStream.STDERR, "\ud83d\ude00".repeat(40));
        job.run.log(LogStream.STDOUT, "short");
        job.close();

        String mark = "\u2026 [line cut at 100 bytes by LATHE_MAX_LOG_LINE_BYTES]";
        assertEquals(List.of("x".repeat(100) + mark, "\ud83d\ude00".repeat(25) + mark, "short"), job.lines());
    }

    @Test
    void metadataLinesOverTheLimitStayInTheLogAndAreNotedOnceOnStderr() throws SQLException {
        Job job = job(1_000, 30);
        String tooLong = "{\"text\": \"" + "y".repeat(40) + "\"}";
        job.run.log(LogStream.STDOUT, "{\"loss\": 0.5}");
        job.run.log(LogStream.STDOUT, tooLong);
        job.run.log(LogStream.STDOUT, tooLong.replace('y', 'z'));
        job.run.log(LogStream.STDOUT, "{\"loss\": 0.25}");
        job.close();

        List<String> points = points();
        assertEquals(2, points.size(), points.toString());
        assertTrue(points.get(0).endsWith("\"loss\": 0.5}") && points.get(1).endsWith("\"loss\": 0.25}"), points.toString());
        List<String> lines = job.lines();
        assertEquals(List.of("{\"loss\": 0.5}", tooLong), lines.subList(0, 2));
        assertEquals(List.of(tooLong.replace('y', 'z'), "{\"loss\": 0.25}"), lines.subList(3, 5));
        String note = lines.get(2);
        assertTrue(note.startsWith("[lathe] ") && note.contains("LATHE_MAX_METADATA_LINE_BYTES = 30"), note);
        List<ExecutionLogs.Segment> segments = logs.read(EXECUTION, 0, 1 << 20);
        assertEquals(List.of(LogStream.STDOUT, LogStream.STDERR, LogStream.STDOUT),
                segments.stream().map(ExecutionLogs.Segment::stream).toList());
        assertEquals(note + "\n", segments.get(1).text());
    }

    @Test
    void utf8LengthCountsBytesNotCharacters() {
        assertEquals(3, MetadataWriter.utf8Length("abc", 10));
        assertEquals(5, MetadataWriter.utf8Length("ab€", 10));
        assertEquals(4, MetadataWriter.utf8Length("\ud83d\ude00", 10));
    }

    /** An execution's run, wired to a real log and metadata writer; the rest of the engine is not needed here. */
    private record Job(ExecutionRun run, MetadataWriter metadata, ExecutionLogs logs) {
        void close() {
            metadata.close();
            logs.close(EXECUTION);
        }

        List<String> lines() {
            String text = String.join("", logs.read(EXECUTION, 0, 1 << 20).stream()
                    .map(ExecutionLogs.Segment::text).toList());
            return List.of(text.split("\n"));
        }
    }

    private Job job(int maxLogLineBytes, int maxMetadataLineBytes) {
        logs = new ExecutionLogs();
        logs.settings = new LatheSettings(home.toString(), 8080, "jdbc:h2:mem:x", Optional.empty());
        logs.limits = new Limits(1, 1, 1, 1, maxLogLineBytes, maxMetadataLineBytes);
        logs.startFlusher();
        MetadataWriter metadata = new MetadataWriter(database, EXECUTION, Thread::new, maxMetadataLineBytes);
        ExecutionRun run = new ExecutionRun(null, null, logs.open(EXECUTION), metadata, null, null, null, null,
                SecretMask.NONE, finished -> { });
        return new Job(run, metadata, logs);
    }

    private List<String> points() throws SQLException {
        List<String> points = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT data FROM metadata_chunk ORDER BY seq")) {
            while (rows.next()) {
                points.addAll(List.of(rows.getString(1).split("\n")));
            }
        }
        return points;
    }
}
