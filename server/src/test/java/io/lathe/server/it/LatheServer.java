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
    static final String BANNER = " is running at ";

    /** The first admin's token of each data folder, once read. */
    private static final Map<Path, String> ADMIN_TOKENS = new HashMap<>();

    private final Path jar;
    private final Path home;
    private final Map<String, String> environment;
    private final Path logFile;
    private Process process;
    private int port;
    private long loggedBeforeLaunch;

    public LatheServer(Path home, Map<String, String> extraEnvironment) {
        this(Path.of(System.getProperty("lathe.jar", "target/lathe.jar")), home, extraEnvironment);
    }

    /** A server run from {@code jar} rather than the one the build made. */
    public LatheServer(Path jar, Path home, Map<String, String> extraEnvironment) {
        this(jar, home, home.resolveSibling(home.getFileName() + ".log"), extraEnvironment);
    }

    /** A server whose console output goes to {@code consoleFile} rather than beside its data folder. */
    public static LatheServer withConsoleIn(Path consoleFile, Path home, Map<String, String> extraEnvironment) {
        return new LatheServer(Path.of(System.getProperty("lathe.jar", "target/lathe.jar")), home, consoleFile,
                extraEnvironment);
    }

    private LatheServer(Path jar, Path home, Path consoleFile, Map<String, String> extraEnvironment) {
        this.jar = jar;
        this.home = home;
        this.environment = new HashMap<>(extraEnvironment);
        this.logFile = consoleFile;
    }

    /** Starts the server and waits until the API answers and the banner says it is ready. */
    public LatheServer start() throws IOException, InterruptedException {
        launch();
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

    /** What a server that was expected not to start did: its exit status and its console output. */
    public record Exit(int status, String output) {
    }

    /**
     * Starts the server expecting it to give up, and waits at most {@code timeout} for the process to end.
     *
     * @throws AssertionError when it is still running by then (it is killed)
     */
    public Exit startExpectingExit(Duration timeout) throws IOException, InterruptedException {
        launch();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            kill();
            throw new AssertionError("the server still ran after " + timeout + ":\n" + logTail());
        }
        return new Exit(process.exitValue(), logSinceLaunch());
    }

    private void launch() throws IOException {
        loggedBeforeLaunch = Files.exists(logFile) ? Files.size(logFile) : 0;
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
                // The launcher prints the banner once Payara has finished deploying, just after the API answers.
                if (response.statusCode() == 401 && logSinceLaunch().contains(BANNER)) {
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

    /** What the server printed on its console (standard output and error), all its starts together. */
    public String log() throws IOException {
        return Files.exists(logFile) ? Files.readString(logFile) : "";
    }

    /** What the server printed on its console since its last start. */
    public String logSinceLaunch() throws IOException {
        if (!Files.exists(logFile)) {
            return "";
        }
        byte[] bytes = Files.readAllBytes(logFile);
        int from = (int) Math.min(loggedBeforeLaunch, bytes.length);
        return new String(bytes, from, bytes.length - from, java.nio.charset.StandardCharsets.UTF_8);
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
