package io.lathe.server.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One server on the embedded default (H2, local storage, local compute) shared by every integration test class of
 * the run: a Payara start costs 15-30 s on this machine. Stopped when the whole run ends.
 */
public final class SharedServer implements BeforeAllCallback {

    /** How many executions the shared server runs at once; tests of queueing rely on it. */
    static final int CONCURRENCY = 2;
    /** Short, so that a hanging plugin (an optimizer, a data store...) fails its call within a test's patience. */
    static final int PLUGIN_TIME_LIMIT_SECONDS = 3;
    /** Package limits low enough that tests can go over them; the other limits keep their defaults. */
    static final long MAX_PACKAGE_BYTES = 4L * 1024 * 1024;
    static final int MAX_PACKAGE_FILES = 500;

    /** The hosts http inputs may come from besides public ones: the tests' servers on this machine. */
    static final String INPUT_HOST_ALLOWLIST = "127.0.0.1,localhost";

    private static LatheServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedServer.class, key -> start(), Running.class);
    }

    public static LatheServer server() {
        if (server == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(SharedServer.class)");
        }
        return server;
    }

    public static Api admin() throws java.io.IOException {
        return new Api(server(), server().adminToken());
    }

    private static Running start() {
        try {
            Path home = Files.createTempDirectory("lathe-it-h2-");
            BrokenPlugins.install(home.resolve("plugins"));
            MisbehavingPlugins.install(home.resolve("plugins"));
            server = new LatheServer(home, Map.of("LATHE_LOCAL_CONCURRENCY", Integer.toString(CONCURRENCY),
                    "LATHE_MAX_PACKAGE_BYTES", Long.toString(MAX_PACKAGE_BYTES),
                    "LATHE_MAX_PACKAGE_FILES", Integer.toString(MAX_PACKAGE_FILES),
                    "LATHE_PLUGIN_TIME_LIMIT_SECONDS", Integer.toString(PLUGIN_TIME_LIMIT_SECONDS),
                    // The tests' own HTTP servers for http inputs listen on the loopback address.
                    "LATHE_INPUT_HOST_ALLOWLIST", INPUT_HOST_ALLOWLIST)).start();
            return new Running(server);
        } catch (Exception e) {
            throw new IllegalStateException("the shared server did not start", e);
        }
    }

    private record Running(LatheServer server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            server.stop();
        }
    }
}
