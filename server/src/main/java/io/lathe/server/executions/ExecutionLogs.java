package io.lathe.server.executions;

import io.lathe.plugin.api.compute.LogStream;
import io.lathe.server.platform.LatheSettings;
import io.lathe.server.platform.Limits;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every execution's log, under {@code LATHE_HOME/executions/<id>/}: opens logs for running executions, flushes
 * them every {@value #FLUSH_MILLIS} ms so tails see new lines promptly, and reads any log from a byte offset.
 */
@ApplicationScoped
public class ExecutionLogs {

    static final long FLUSH_MILLIS = 200;

    @Inject
    LatheSettings settings;
    @Inject
    Limits limits;

    private final Map<String, ExecutionLog> open = new ConcurrentHashMap<>();
    private ScheduledExecutorService flusher;

    /** A piece of a log: {@code text} of one stream, starting at byte {@code offset}. */
    public record Segment(long offset, LogStream stream, String text) {
    }

    @PostConstruct
    void startFlusher() {
        flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lathe-log-flusher");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(() -> open.values().forEach(ExecutionLog::flush),
                FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stopFlusher() {
        flusher.shutdownNow();
        open.values().forEach(ExecutionLog::close);
    }

    ExecutionLog open(String executionId) {
        return open.computeIfAbsent(executionId, id -> new ExecutionLog(directory(id), limits.maxLogLineBytes()));
    }

    void close(String executionId) {
        ExecutionLog log = open.remove(executionId);
        if (log != null) {
            log.close();
        }
    }

    /** The log being written for a running execution, if this server runs it. */
    Optional<ExecutionLog> live(String executionId) {
        return Optional.ofNullable(open.get(executionId));
    }

    Path textFile(String executionId) {
        return directory(executionId).resolve(ExecutionLog.TEXT_FILE);
    }

    /** How many bytes of the log can be read now. */
    public long length(String executionId) {
        try {
            Path file = textFile(executionId);
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads whole lines from {@code offset}, at most about {@code maxBytes}, split where the stream changes.
     */
    public List<Segment> read(String executionId, long offset, int maxBytes) {
        Path file = textFile(executionId);
        if (!Files.exists(file)) {
            return List.of();
        }
        byte[] bytes;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long available = Math.max(0, in.length() - offset);
            int length = (int) Math.min(available, maxBytes);
            bytes = new byte[length];
            in.seek(offset);
            in.readFully(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of " + executionId, e);
        }
        int end = lastNewline(bytes) + 1;
        if (end == 0 && bytes.length == maxBytes) {
            end = bytes.length; // one line longer than a read: hand it over in pieces
        }
        TreeMap<Long, LogStream> changes = streamChanges(executionId);
        List<Segment> segments = new ArrayList<>();
        int start = 0;
        while (start < end) {
            long absolute = offset + start;
            Map.Entry<Long, LogStream> current = changes.floorEntry(absolute);
            Long next = changes.higherKey(absolute);
            int stop = next == null ? end : (int) Math.min(end, next - offset);
            segments.add(new Segment(absolute, current == null ? LogStream.STDOUT : current.getValue(),
                    new String(bytes, start, stop - start, StandardCharsets.UTF_8)));
            start = stop;
        }
        return segments;
    }

    private TreeMap<Long, LogStream> streamChanges(String executionId) {
        TreeMap<Long, LogStream> changes = new TreeMap<>();
        Path file = directory(executionId).resolve(ExecutionLog.STREAMS_FILE);
        if (!Files.exists(file)) {
            return changes;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                int space = line.indexOf(' ');
                if (space > 0 && line.length() > space + 1) {
                    changes.put(Long.parseLong(line.substring(0, space)), LogStreams.fromCode(line.charAt(space + 1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return changes;
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private Path directory(String executionId) {
        return settings.executionsDirectory().resolve(executionId);
    }
}
