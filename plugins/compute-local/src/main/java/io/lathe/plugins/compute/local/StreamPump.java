package io.lathe.plugins.compute.local;

import static java.util.Objects.requireNonNull;

import io.lathe.plugin.api.compute.JobListener;
import io.lathe.plugin.api.compute.LogStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Reads one output stream of a job on a thread of its own and hands each line to the listener.
 *
 * <p>Reads go straight into a large array (the process stream's own small buffer is bypassed for reads at least
 * its size), so that a job printing a million lines a second is not held back by its reader.
 */
final class StreamPump {

    private static final int CHUNK_BYTES = 256 * 1024;
    /**
     * After a read this small, wait a moment before the next: a job that writes line by line (unbuffered Python,
     * say) would otherwise wake this thread once per line, and on a small machine those wake-ups take the CPU the
     * job needs. The pipe holds 64 KiB meanwhile, so the job is never held back; the log is late by a millisecond.
     */
    private static final int SMALL_READ_BYTES = 16 * 1024;
    private static final long SMALL_READ_PAUSE_MILLIS = 1;

    private final InputStream in;
    private final LogStream stream;
    private final JobListener listener;
    private final System.Logger logger;
    private final Thread thread;
    // Set when the job gave up waiting for this stream: from then on nothing may reach the listener.
    private volatile boolean abandoned;

    StreamPump(InputStream in, LogStream stream, JobListener listener, System.Logger logger, String threadName) {
        this.in = requireNonNull(in, "in");
        this.stream = requireNonNull(stream, "stream");
        this.listener = requireNonNull(listener, "listener");
        this.logger = requireNonNull(logger, "logger");
        this.thread = new Thread(this::pump, requireNonNull(threadName, "threadName"));
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Waits until the stream ended and every line was handed over; returns false when it had not by then. */
    boolean await(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    /** Drops whatever still comes; used when a stream stays open after every process of the job ended. */
    void abandon() {
        abandoned = true;
    }

    private void pump() {
        LineSplitter splitter = new LineSplitter(this::deliver);
        byte[] chunk = new byte[CHUNK_BYTES];
        try (in) {
            int read;
            while ((read = in.read(chunk)) >= 0 && !abandoned) {
                splitter.accept(chunk, 0, read);
                if (read < SMALL_READ_BYTES) {
                    Thread.sleep(SMALL_READ_PAUSE_MILLIS);
                }
            }
            splitter.finish();
        } catch (IOException e) {
            if (!abandoned) {
                logger.log(System.Logger.Level.WARNING, "reading the " + stream + " of a job failed", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(String line) {
        if (!abandoned) {
            listener.log(stream, line);
        }
    }
}
