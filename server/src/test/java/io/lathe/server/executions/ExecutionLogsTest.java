package io.lathe.server.executions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.compute.LogStream;
import io.lathe.server.platform.LatheSettings;
import io.lathe.server.platform.Limits;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionLogsTest {

    @TempDir
    Path home;

    private ExecutionLogs logs;

    @BeforeEach
    void open() {
        logs = new ExecutionLogs();
        logs.settings = new LatheSettings(home.toString(), 8080, "jdbc:h2:mem:x", java.util.Optional.empty());
        logs.limits = Limits.defaults();
        logs.startFlusher();
    }

    @AfterEach
    void close() {
        logs.stopFlusher();
    }

    @Test
    void linesAreReadBackInOrderWithTheirStream() {
        ExecutionLog log = logs.open("e1");
        log.append(LogStream.STDOUT, "one");
        log.append(LogStream.STDOUT, "two");
        log.append(LogStream.STDERR, "oops");
        log.append(LogStream.STDOUT, "three ✓");
        logs.close("e1");

        List<ExecutionLogs.Segment> segments = logs.read("e1", 0, 1 << 20);
        assertEquals(List.of(
                new ExecutionLogs.Segment(0, LogStream.STDOUT, "one\ntwo\n"),
                new ExecutionLogs.Segment(8, LogStream.STDERR, "oops\n"),
                new ExecutionLogs.Segment(13, LogStream.STDOUT, "three ✓\n")), segments);
        assertEquals(13 + "three ✓\n".getBytes(java.nio.charset.StandardCharsets.UTF_8).length, logs.length("e1"));
    }

    @Test
    void readsStopAtWholeLinesAndResumeFromAnOffset() {
        ExecutionLog log = logs.open("e2");
        for (int i = 0; i < 100; i++) {
            log.append(LogStream.STDOUT, "line " + i);
        }
        logs.close("e2");
        List<ExecutionLogs.Segment> first = logs.read("e2", 0, 50);
        String text = first.get(0).text();
        assertTrue(text.endsWith("\n") && text.length() <= 50, text);
        List<ExecutionLogs.Segment> next = logs.read("e2", text.length(), 20);
        assertTrue(next.get(0).text().startsWith("line "), next.toString());
    }

    @Test
    void waitersWakeWhenLinesAreFlushed() throws Exception {
        ExecutionLog log = logs.open("e3");
        Thread writer = new Thread(() -> log.append(LogStream.STDOUT, "hello"));
        writer.start();
        writer.join();
        long readable = log.awaitBeyond(0, 5_000);
        assertEquals(6, readable);
        logs.close("e3");
    }

    @Test
    void aLogThatDoesNotExistReadsEmpty() {
        assertEquals(List.of(), logs.read("never", 0, 100));
        assertEquals(0, logs.length("never"));
    }
}
