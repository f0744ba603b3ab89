package io.lathe.server.executions;

import io.lathe.plugin.api.compute.LogStream;
import io.lathe.server.platform.Limits;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The log of one running execution, as written: stdout and stderr interleaved in arrival order in one plain-text
 * file, plus a small side file recording at which byte offset the stream changes, so readers can tell them apart.
 * Appends are buffered; {@link #flush()} (called periodically and at the end) makes them visible to readers and
 * wakes those waiting for more. A line longer than the limit ({@code LATHE_MAX_LOG_LINE_BYTES}) is cut and marked,
 * never refused: a job does not fail for what it prints.
 */
final class ExecutionLog implements AutoCloseable {

    static final String TEXT_FILE = "log.txt";
    static final String STREAMS_FILE = "log.streams";
    private static final int BUFFER_BYTES = 256 * 1024;

    private final OutputStream text;
    private final int maxLineBytes;
    private final OutputStream streams;
    private long written;
    private long flushed;
    private LogStream lastStream;
    private boolean closed;

    ExecutionLog(Path directory, int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
        try {
            Files.createDirectories(directory);
            this.text = new BufferedOutputStream(Files.newOutputStream(directory.resolve(TEXT_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND), BUFFER_BYTES);
            this.streams = new BufferedOutputStream(Files.newOutputStream(directory.resolve(STREAMS_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND));
            this.written = Files.size(directory.resolve(TEXT_FILE));
            this.flushed = written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the log in " + directory, e);
        }
    }

    synchronized void append(LogStream stream, String line) {
        if (closed) {
            return;
        }
        try {
            if (stream != lastStream) {
                streams.write((written + " " + LogStreams.code(stream) + "\n").getBytes(StandardCharsets.US_ASCII));
                lastStream = stream;
            }
            byte[] bytes = stored(line, maxLineBytes);
            text.write(bytes);
            text.write('\n');
            written += bytes.length + 1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log", e);
        }
    }

    /** The line's UTF-8 bytes as stored: cut between characters, and marked, when longer than the limit. */
    static byte[] stored(String line, int maxLineBytes) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxLineBytes) {
            return bytes;
        }
        int cut = maxLineBytes;
        // A continuation byte (10xxxxxx) just past the cut means a character would be split: cut before it.
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80) {
            cut--;
        }
        byte[] mark = ("… [line cut at " + maxLineBytes + " bytes by " + Limits.MAX_LOG_LINE_BYTES + "]")
                .getBytes(StandardCharsets.UTF_8);
        byte[] stored = Arrays.copyOf(bytes, cut + mark.length);
        System.arraycopy(mark, 0, stored, cut, mark.length);
        return stored;
    }

    synchronized void flush() {
        if (closed || flushed == written) {
            return;
        }
        try {
            streams.flush();
            text.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log", e);
        }
        flushed = written;
        notifyAll();
    }

    /**
     * Waits until more than {@code offset} bytes are readable or the log is closed, at most {@code millis}.
     *
     * @return the readable length
     */
    synchronized long awaitBeyond(long offset, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        long left = millis;
        while (!closed && flushed <= offset && left > 0) {
            wait(left);
            left = deadline - System.currentTimeMillis();
        }
        return flushed;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        flush();
        closed = true;
        try {
            streams.close();
            text.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the log", e);
        } finally {
            notifyAll();
        }
    }
}
