package io.lathe.server.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps requests anyone can send from filling the server log: the container logs a stack trace for every request it
 * cannot parse (a bare {@code %} in the path, a header line without a name), before Lathe sees it, so ten thousand
 * such requests without a token wrote megabytes. On the loggers it guards, one record of each kind (logger and
 * message pattern) passes per {@link #WINDOW}; the first record of the next window says how many were left out.
 * Other loggers are left alone.
 */
public final class LogFloodGuard implements Filter {

    static final Duration WINDOW = Duration.ofMinutes(1);
    /** The container's loggers that write a line per malformed request. */
    public static final List<String> GUARDED = List.of("jakarta.enterprise.web.core",
            "org.glassfish.grizzly.http.util.Parameters", "org.apache.catalina.connector");
    /** Kept so that the loggers (held weakly by the LogManager) keep their filter. */
    private static final List<Logger> INSTALLED = new ArrayList<>();

    private final Map<String, long[]> windows = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final Filter previous;

    LogFloodGuard(Filter previous, LongSupplier clock) {
        this.previous = previous;
        this.clock = clock;
    }

    /** Puts the guard on every logger of {@link #GUARDED}; doing it again changes nothing. */
    public static synchronized void install() {
        for (String name : GUARDED) {
            Logger logger = Logger.getLogger(name);
            if (!(logger.getFilter() instanceof LogFloodGuard)) {
                logger.setFilter(new LogFloodGuard(logger.getFilter(), System::nanoTime));
                INSTALLED.add(logger);
            }
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (previous != null && !previous.isLoggable(record)) {
            return false;
        }
        String kind = record.getLoggerName() + "|" + record.getMessage();
        long now = clock.getAsLong();
        // window[0]: when the window started; window[1]: records left out in it
        long[] window = windows.computeIfAbsent(kind, k -> new long[] {now - WINDOW.toNanos() - 1, 0});
        synchronized (window) {
            if (now - window[0] <= WINDOW.toNanos()) {
                window[1]++;
                return false;
            }
            long leftOut = window[1];
            window[0] = now;
            window[1] = 0;
            if (leftOut > 0) {
                record.setMessage(record.getMessage() + " [" + leftOut + " more like this in the last "
                        + WINDOW.toMinutes() + " min were not logged]");
            }
        }
        if (windows.size() > 10_000) {
            // Messages that are all different (a pattern with the value in it) would grow the map without end.
            windows.clear();
        }
        return true;
    }
}
