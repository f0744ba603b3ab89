package io.lathe.plugin.api.compute;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link JobListener} for tests: keeps every call, checks that the calls keep the order the interface promises
 * (one {@code started} first if any, {@code finished} exactly once and last), and lets a test wait for a line or for
 * the end of the job.
 *
 * <pre>{@code
 * RecordingJobListener listener = new RecordingJobListener();
 * environment.launch(spec, listener);
 * JobOutcome outcome = listener.awaitFinished(Duration.ofSeconds(30));
 * assertEquals(List.of("hello"), listener.lines(LogStream.STDOUT));
 * assertEquals(List.of(), listener.protocolViolations());
 * }</pre>
 *
 * <p>Output contents are read in full when handed over and kept in memory: meant for small files. Thread-safe; the
 * methods may be overridden, e.g. to make a listener that throws, as long as the overrides call these.
 */
public class RecordingJobListener implements JobListener {

    private final Object lock = new Object();
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final Map<String, byte[]> outputs = new LinkedHashMap<>();
    private final List<String> violations = new ArrayList<>();
    private int startedCalls;
    private boolean loggedOrOutput;
    private JobOutcome outcome;

    /** Records that the job started; a second call, or one after a log line, output or the end, is a violation. */
    @Override
    public void started() {
        synchronized (lock) {
            if (outcome != null) {
                violations.add("started() after finished()");
            }
            if (startedCalls > 0) {
                violations.add("started() called more than once");
            }
            if (loggedOrOutput) {
                violations.add("started() after log() or output()");
            }
            startedCalls++;
        }
    }

    /** Records one line of {@code stream}; a line after the end, or one holding a line terminator, is a violation. */
    @Override
    public void log(LogStream stream, String line) {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(line, "line");
        synchronized (lock) {
            if (outcome != null) {
                violations.add("log() after finished(): " + line);
            }
            if (line.indexOf('\n') >= 0) {
                violations.add("log() with a line terminator inside the line");
            }
            loggedOrOutput = true;
            (stream == LogStream.STDOUT ? stdout : stderr).add(line);
            lock.notifyAll();
        }
    }

    /** Reads {@code content} in full and keeps it under {@code relativePath}; leaves the stream open, as promised. */
    @Override
    public void output(String relativePath, InputStream content) {
        Objects.requireNonNull(relativePath, "relativePath");
        byte[] bytes;
        try {
            bytes = content.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (lock) {
            if (outcome != null) {
                violations.add("output() after finished(): " + relativePath);
            }
            if (relativePath.isEmpty() || relativePath.startsWith("/") || relativePath.contains("\\")
                    || List.of(relativePath.split("/")).contains("..")) {
                violations.add("output() with a path that is not relative with '/' separators: " + relativePath);
            }
            if (outputs.containsKey(relativePath)) {
                violations.add("output() twice for " + relativePath);
            }
            loggedOrOutput = true;
            outputs.put(relativePath, bytes);
        }
    }

    /** Records the outcome and wakes {@link #awaitFinished}; a second call is a violation. */
    @Override
    public void finished(JobOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        synchronized (lock) {
            if (this.outcome != null) {
                violations.add("finished() called more than once: " + outcome);
                return;
            }
            this.outcome = outcome;
            lock.notifyAll();
        }
    }

    /**
     * Waits for {@link #finished}.
     *
     * @return the outcome
     * @throws AssertionError when the job had not finished within {@code timeout}
     */
    public JobOutcome awaitFinished(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (outcome == null) {
                waitUntil(deadline, "the job to finish within " + timeout);
            }
            return outcome;
        }
    }

    /**
     * Waits until {@code stream} has printed {@code line}.
     *
     * @throws AssertionError when it had not within {@code timeout}, or the job finished without printing it
     */
    public void awaitLine(LogStream stream, String line, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            List<String> lines = stream == LogStream.STDOUT ? stdout : stderr;
            while (!lines.contains(line)) {
                if (outcome != null) {
                    throw new AssertionError("the job finished (" + outcome + ") without printing '" + line
                            + "' on " + stream + "; it printed " + lines);
                }
                waitUntil(deadline, "'" + line + "' on " + stream + " within " + timeout);
            }
        }
    }

    /** Whether {@link #started()} was called. */
    public boolean hasStarted() {
        synchronized (lock) {
            return startedCalls > 0;
        }
    }

    /** The lines of {@code stream} so far, in the order received. */
    public List<String> lines(LogStream stream) {
        synchronized (lock) {
            return List.copyOf(stream == LogStream.STDOUT ? stdout : stderr);
        }
    }

    /** The outputs so far, by relative path, in the order received. */
    public Map<String, byte[]> outputs() {
        synchronized (lock) {
            return new LinkedHashMap<>(outputs);
        }
    }

    /** The paths of the outputs so far, in the order received. */
    public List<String> outputPaths() {
        synchronized (lock) {
            return List.copyOf(outputs.keySet());
        }
    }

    /** The content of one output read as UTF-8, or empty when there was no such output. */
    public Optional<String> outputText(String relativePath) {
        synchronized (lock) {
            return Optional.ofNullable(outputs.get(relativePath))
                    .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** The outcome, once {@link #finished} was called. */
    public Optional<JobOutcome> outcome() {
        synchronized (lock) {
            return Optional.ofNullable(outcome);
        }
    }

    /** Every broken promise of the {@link JobListener} call order seen so far; empty when all was well. */
    public List<String> protocolViolations() {
        synchronized (lock) {
            return List.copyOf(violations);
        }
    }

    private void waitUntil(long deadline, String what) throws InterruptedException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new AssertionError("timed out waiting for " + what + "; stdout so far " + tail(stdout)
                    + ", stderr so far " + tail(stderr));
        }
        lock.wait(Math.max(1, left / 1_000_000));
    }

    private static List<String> tail(List<String> lines) {
        return List.copyOf(lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
