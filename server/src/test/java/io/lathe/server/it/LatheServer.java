package io.lathe.server.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real server, as users run it: {@code java -jar lathe.jar} in a process of its own, configured by the same
 * environment variables, on a data folder and free port of its own.
 */
public final class LatheServer implements AutoCloseable {

    // Generous: on a busy 2-core machine Payara alone has taken more than four minutes to deploy.
    private static final Duration START_TIMEOUT = Duration.ofSeconds(480);

    /** The first admin's token of each data folder, once read. */
    private static final Map<Path, String> ADMIN_TOKENS = new HashMap<>();

    private final Path jar;
    private final Path home;
    private final Map<String, String> environment;
    private final Path logFile;
    private Process process;
    private int port;

    public LatheServer(Path home, Map<String, String> extraEnvironment) {
        this(Path.of(System.getProperty("lathe.jar", "target/lathe.jar")), home, extraEnvironment);
    }

    /** A server run from {@code jar} rather than the one the build made. */
    public LatheServer(Path jar, Path home, Map<String, String> extraEnvironment) {
        this.jar = jar;
        this.home = home;
        this.environment = new HashMap<>(extraEnvironment);
        this.logFile = home.resolveSibling(home.getFileName() + ".log");
    }

    /** Starts the server and waits until the API answers. */
    public LatheServer start() throws IOException, InterruptedException {
        port = freePort();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("no " + jar.toAbsolutePath() + ": run 'mvn verify' (it builds the jar)");
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toAbsolutePath().toString());
        builder.environment().put("LATHE_HOME", home.toString());
        builder.environment().put("LATHE_PORT", Integer.toString(port));
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        process = builder.start();
        try {
            awaitReady();
            if (Files.exists(home.resolve("secrets/initial-admin-token"))) {
                adminToken();
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // A server that did not come up in time must not outlive the test that gave up on it.
            kill();
            throw e;
        }
        return this;
    }

    private void awaitReady() throws InterruptedException, IOException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri("/api/v1/projects")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 401) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the server did not answer within " + START_TIMEOUT + ":\n" + logTail());
    }

    /** Stops the server the way an administrator does (SIGTERM) and waits for it. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Kills the server without warning, as a crash or power cut would. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The server's process id on this machine. */
    public long pid() {
        return process.pid();
    }

    public Path home() {
        return home;
    }

    /**
     * The first admin's token, read from its file the first time a server on this data folder is asked: the server
     * deletes the file once the admin signs in or makes another token, and tests do both.
     */
    public String adminToken() throws IOException {
        synchronized (ADMIN_TOKENS) {
            String token = ADMIN_TOKENS.get(home);
            if (token == null) {
                token = Files.readString(home.resolve("secrets/initial-admin-token")).trim();
                ADMIN_TOKENS.put(home, token);
            }
            return token;
        }
    }

    public String log() throws IOException {
        return Files.exists(logFile) ? Files.readString(logFile) : "";
    }

    private String logTail() throws IOException {
        String log = log();
        return log.substring(Math.max(0, log.length() - 8000));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
