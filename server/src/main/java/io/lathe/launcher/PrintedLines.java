package io.lathe.launcher;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What code prints to {@code System.out} or {@code System.err} instead of logging (Payara prints a few lines at shut
 * down, libraries print stack traces), turned into log lines of the logger {@code System.out} or {@code System.err}
 * at INFO, one per printed line: they land in {@code server.log} with everything else, not on the console.
 */
final class PrintedLines extends OutputStream {

    private static final ThreadLocal<Boolean> LOGGING = ThreadLocal.withInitial(() -> false);

    private final Logger logger;
    private final PrintStream fallback;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /**
     * @param fallback where text goes that is printed while a line is being logged on the same thread (a handler
     *        that reports its own failure on {@code System.err}), which would otherwise come back here for ever
     */
    PrintedLines(Logger logger, PrintStream fallback) {
        this.logger = logger;
        this.fallback = fallback;
    }

    static PrintStream into(String loggerName, PrintStream fallback) {
        return new PrintStream(new PrintedLines(Logger.getLogger(loggerName), fallback), true,
                StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (LOGGING.get()) {
            fallback.write(bytes, offset, length);
            return;
        }
        String complete = null;
        synchronized (line) {
            int start = offset;
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    line.write(bytes, start, i - start);
                    complete = complete == null ? text() : complete + "\n" + text();
                    start = i + 1;
                }
            }
            line.write(bytes, start, offset + length - start);
        }
        if (complete != null) {
            log(complete);
        }
    }

    private String text() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private void log(String text) {
        if (text.isBlank()) {
            return;
        }
        LOGGING.set(true);
        try {
            logger.log(Level.INFO, text);
        } finally {
            LOGGING.set(false);
        }
    }
}
