package io.lathe.plugin.api.testkit;

import static java.util.Objects.requireNonNull;

import io.lathe.plugin.api.PluginContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A real {@link PluginContext} for tests: a work folder the test owns (usually a {@code @TempDir}), a clock the
 * test chooses, a fixed base URL, and a logger that keeps what it is given so a test can assert on it.
 *
 * <pre>{@code
 * PluginContext context = new TestPluginContext(tempDir).withClock(Clock.fixed(instant, ZoneOffset.UTC));
 * }</pre>
 *
 * <p>Immutable apart from the logger's record; thread-safe.
 */
public final class TestPluginContext implements PluginContext {

    /** The base URL used unless a test sets another. */
    public static final URI DEFAULT_BASE_URL = URI.create("http://localhost:8080/");

    private final Path workDirectory;
    private final Clock clock;
    private final URI baseUrl;
    private final RecordingLogger logger;

    /** A context working in {@code workDirectory} (created if missing) with the system clock in UTC. */
    public TestPluginContext(Path workDirectory) {
        this(workDirectory, Clock.systemUTC(), DEFAULT_BASE_URL, new RecordingLogger("io.lathe.plugin.test"));
    }

    private TestPluginContext(Path workDirectory, Clock clock, URI baseUrl, RecordingLogger logger) {
        this.workDirectory = requireNonNull(workDirectory, "workDirectory");
        this.clock = requireNonNull(clock, "clock");
        this.baseUrl = requireNonNull(baseUrl, "baseUrl");
        this.logger = requireNonNull(logger, "logger");
        try {
            Files.createDirectories(workDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of this context whose clock stands still at {@code instant}. */
    public TestPluginContext fixedAt(Instant instant) {
        return withClock(Clock.fixed(instant, ZoneOffset.UTC));
    }

    /** A copy of this context reading time from {@code clock}; the log record is shared. */
    public TestPluginContext withClock(Clock clock) {
        return new TestPluginContext(workDirectory, clock, baseUrl, logger);
    }

    /** A copy of this context with another base URL; the log record is shared. */
    public TestPluginContext withBaseUrl(URI baseUrl) {
        return new TestPluginContext(workDirectory, clock, baseUrl, logger);
    }

    @Override
    public System.Logger logger() {
        return logger;
    }

    @Override
    public Path workDirectory() {
        return workDirectory;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public URI baseUrl() {
        return baseUrl;
    }

    /** Every message logged through this context so far, formatted as {@code LEVEL message}, oldest first. */
    public List<String> loggedMessages() {
        return logger.messages();
    }
}
