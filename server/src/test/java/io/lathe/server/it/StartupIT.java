package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a start prints on the console (Lathe's lines and warnings only, ending with the banner), where the rest of the
 * log goes, and how a start that cannot succeed ends: one sentence naming what to change, exit status non-zero, no
 * stack trace. The first three tests share one data folder and run in order: a good start that stores a secret, a
 * start without the key file that sealed it, a start against a database a newer Lathe upgraded. The others fail in
 * the launcher, before Payara starts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StartupIT {

    /** Fails in the server, after Payara has booted: minutes on a busy machine. */
    private static final Duration SERVER_FAILURE = Duration.ofSeconds(480);
    /** Fails in the launcher, before Payara starts. */
    private static final Duration LAUNCHER_FAILURE = Duration.ofSeconds(60);

    private static Path home;
    private static LatheServer server;

    @Test
    @Order(1)
    void aStartPrintsAFewLinesEndingWithTheBannerAndPayarasLinesGoToTheLogFile() throws Exception {
        home = Files.createTempDirectory("lathe-it-startup-");
        server = new LatheServer(home, Map.of()).start();
        try {
            Api api = new Api(server, server.adminToken());
            // The API and the console start on their first request: their warnings, if any, come now.
            assertEquals(401, new Api(server, null).get("/api/v1/projects").status());
            assertEquals(200, api.get("/api/v1/admin/data-stores").status());
            String project = Projects.create(api, "startup");
            assertEquals(200, api.send("PUT", "/api/v1/projects/" + project + "/environment-variables/TOKEN",
                    "{\"value\":\"s3cret\",\"secret\":true}").status());

            String console = server.logSinceLaunch();
            List<String> lines = console.lines().toList();
            assertTrue(lines.size() < 40, lines.size() + " lines:\n" + console);
            assertTrue(lines.stream().noneMatch(line -> line.contains(" WARNING ") || line.contains(" ERROR ")),
                    console);
            assertTrue(lines.get(lines.size() - 1).startsWith("  ready in "), console);
            assertTrue(console.contains(" INFO Lathe " + BuildVersion.expected() + " is running at http://localhost:"),
                    console);
            assertFalse(console.contains("Payara Micro"), console);

            String serverLog = Files.readString(home.resolve("logs/server.log"));
            assertTrue(serverLog.contains("[PayaraMicro] Payara Micro ") && serverLog.contains(" ready in "),
                    "Payara's lines are in the log file");
            assertTrue(serverLog.contains("[org.flywaydb."), "and the libraries'");
            assertTrue(serverLog.contains(" is running at "), "and Lathe's");
        } finally {
            server.stop();
        }
        assertTrue(Files.readString(home.resolve("logs/server.log")).contains("Payara Micro STOPPED"),
                "what is logged while the server stops is kept");
    }

    @Test
    @Order(2)
    void aLostKeyFileForStoredSecretsStopsTheStartSayingWhatToRestore() throws Exception {
        Path key = home.resolve("secrets/master.key");
        Files.move(key, home.resolve("master.key.aside"));
        LatheServer.Exit exit = server.startExpectingExit(SERVER_FAILURE);
        assertOneSentence(exit, "Lathe cannot start: the key file " + key + " is missing, but the database holds 1 "
                + "secret sealed with it (secret project variables); restore master.key");
        Files.move(home.resolve("master.key.aside"), key);
    }

    @Test
    @Order(3)
    void aDatabaseUpgradedByANewerLatheStopsTheStart() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + home.resolve("db/lathe"), "lathe",
                "lathe"); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", "
                    + "\"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"installed_on\", "
                    + "\"execution_time\", \"success\") VALUES (999, '999', 'from a newer Lathe', 'SQL', "
                    + "'V999__from_a_newer_lathe.sql', 0, 'lathe', CURRENT_TIMESTAMP, 1, TRUE)");
        }
        LatheServer.Exit exit = server.startExpectingExit(SERVER_FAILURE);
        assertOneSentence(exit, "is at schema version 999, newer than the ");
        assertTrue(exit.output().contains("set LATHE_DB_URL"), exit.output());
    }

    @Test
    void aPortInUseStopsTheStartNamingLathePort() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            int port = taken.getLocalPort();
            LatheServer.Exit exit = new LatheServer(Files.createTempDirectory("lathe-it-port-"),
                    Map.of("LATHE_PORT", Integer.toString(port))).startExpectingExit(LAUNCHER_FAILURE);
            assertOneSentence(exit, "Lathe cannot start: port " + port + " cannot be opened");
            assertTrue(exit.output().contains("set LATHE_PORT to a free port"), exit.output());

            LatheServer.Exit debug = new LatheServer(Files.createTempDirectory("lathe-it-port-"),
                    Map.of("LATHE_PORT", Integer.toString(port), "LATHE_LOG_LEVEL", "debug"))
                    .startExpectingExit(LAUNCHER_FAILURE);
            assertNotEquals(0, debug.status());
            assertTrue(debug.output().contains("\tat io.lathe.launcher."), "debug shows the stack trace: "
                    + debug.output());

            LatheServer.Exit json = new LatheServer(Files.createTempDirectory("lathe-it-port-"),
                    Map.of("LATHE_PORT", Integer.toString(port), "LATHE_LOG_FORMAT", "json"))
                    .startExpectingExit(LAUNCHER_FAILURE);
            assertNotEquals(0, json.status());
            JsonObject line = Json.createReader(new StringReader(json.output().strip())).readObject();
            assertEquals("ERROR", line.getString("level"));
            assertTrue(line.getString("message").contains("LATHE_PORT"), line.toString());
        }
    }

    @Test
    void aDataFolderThatCannotBeWrittenStopsTheStartNamingLatheHome() throws Exception {
        // Root may write anywhere: a folder under a plain file cannot be made by anyone.
        Path file = Files.createTempFile("lathe-it-home-", ".txt");
        LatheServer.Exit exit = LatheServer.withConsoleIn(file.resolveSibling(file.getFileName() + ".log"),
                file.resolve("home"), Map.of()).startExpectingExit(LAUNCHER_FAILURE);
        assertOneSentence(exit, "Lathe cannot start: the data folder " + file.resolve("home")
                + " cannot be written to");
        assertTrue(exit.output().contains("set LATHE_HOME"), exit.output());
    }

    @Test
    void aPluginFolderThatCannotBeReadStopsTheStart() throws Exception {
        Path folder = Files.createTempDirectory("lathe-it-plugins-");
        Files.writeString(folder.resolve("plugins"), "not a folder");
        LatheServer.Exit exit = new LatheServer(folder, Map.of()).startExpectingExit(LAUNCHER_FAILURE);
        assertOneSentence(exit, "Lathe cannot start: the plugin folder " + folder.resolve("plugins")
                + " cannot be read");
    }

    @Test
    void anUnreachableDatabaseStopsTheStartNamingLatheDbUrl() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        LatheServer.Exit exit = new LatheServer(Files.createTempDirectory("lathe-it-db-"),
                Map.of("LATHE_DB_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/lathe"))
                .startExpectingExit(LAUNCHER_FAILURE);
        assertOneSentence(exit, "Lathe cannot start: the database server at 127.0.0.1:" + closed
                + " cannot be reached");
        assertTrue(exit.output().contains("set LATHE_DB_URL"), exit.output());
    }

    private static void assertOneSentence(LatheServer.Exit exit, String sentence) {
        assertNotEquals(0, exit.status(), exit.output());
        assertTrue(exit.output().contains(sentence), exit.output());
        List<String> lines = exit.output().lines().filter(line -> !line.isBlank()).toList();
        assertEquals(1, lines.stream().filter(line -> line.contains(" ERROR ")).count(), exit.output());
        assertTrue(lines.stream().noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception")),
                "no stack trace: " + exit.output());
    }
}
