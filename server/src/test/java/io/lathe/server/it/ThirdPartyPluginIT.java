package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin guide's third-party example (docs/examples/plugin-notifier-file, a one-screen pom inheriting
 * lathe-plugins-parent), built outside this build by a Maven of its own against the installed plugin API, as its
 * author would, in two versions, published to a file-based update site as the guide says, and run through its whole life on a server of its own through the admin API: install from the site, used
 * through a notification channel, upgraded, disabled, uninstalled.
 */
class ThirdPartyPluginIT {

    private static final String PLUGIN = "notifier-file";
    private static final long MAX_PLUGIN_BYTES = 1_000_000;

    private static LatheServer server;
    private static Api api;
    private static Path site;

    @BeforeAll
    static void start() throws Exception {
        Path home = Files.createTempDirectory("lathe-it-third-party-");
        site = Files.createTempDirectory("lathe-it-update-site-");
        Path project = copyOfTheExample();
        Files.copy(build(project, "1.0.0", true), site.resolve("notifier-file-1.0.0.jar"));
        Files.copy(build(project, "1.1.0", false), site.resolve("notifier-file-1.1.0.jar"));
        Files.copy(site.resolve("notifier-file-1.1.0.jar"), site.resolve("notifier-file-1.2.0.jar"));
        // The index as the guide shows it: 1.2.0 is listed with the sum of other bytes, as a tampered mirror would.
        Files.writeString(site.resolve("plugins.json"), Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("id", PLUGIN)
                .add("description", "Events as lines of a file")
                .add("provider", "Example Inc.")
                .add("releases", Json.createArrayBuilder()
                        .add(release("1.0.0", sha512(site.resolve("notifier-file-1.0.0.jar")), ">=0.1.0"))
                        .add(release("1.1.0", sha512(site.resolve("notifier-file-1.1.0.jar")), ">=0.1.0"))
                        .add(release("1.2.0", sha512(site.resolve("notifier-file-1.0.0.jar")), ">=0.1.0"))
                        .add(release("9.0.0", sha512(site.resolve("notifier-file-1.0.0.jar")), ">=99.0.0"))))
                .build().toString());
        server = new LatheServer(home, Map.of("LATHE_MAX_PLUGIN_BYTES", Long.toString(MAX_PLUGIN_BYTES))).start();
        api = new Api(server, server.adminToken());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theExamplePluginRunsItsWholeLifeFromAFileUpdateSite() throws Exception {
        Api.Answer added = api.postJson("/api/v1/admin/update-sites",
                "{\"id\":\"example\",\"url\":\"" + site.toUri() + "\"}");
        assertEquals(201, added.status(), added.body());
        JsonObject offered = offered(added.json());
        assertTrue(offered.isNull("installedVersion"), offered.toString());
        assertEquals("1.2.0", offered.getString("latest"), "9.0.0 needs a newer Lathe: " + offered);
        assertFalse(offered.getJsonArray("releases").getJsonObject(3).getBoolean("compatible"));

        Api.Answer installed = api.postJson("/api/v1/admin/plugins/install",
                "{\"site\":\"example\",\"id\":\"notifier-file\",\"version\":\"1.0.0\"}");
        assertEquals(201, installed.status(), installed.body());
        assertEquals("started", installed.json().getJsonObject("plugin").getString("state"));
        assertEquals("1.0.0", installed.json().getJsonObject("plugin").getString("version"));

        // Its extension at work: a channel made from its factory delivers a test event into the file.
        Path events = Files.createTempDirectory("lathe-it-events-").resolve("events.jsonl");
        Api.Answer channel = api.postJson("/api/v1/admin/notification-channels", "{\"name\":\"audit-file\","
                + "\"factory\":\"file\",\"settings\":{\"file\":\"" + events + "\"}}");
        assertEquals(201, channel.status(), channel.body());
        Api.Answer delivered = api.postJson("/api/v1/admin/notification-channels/audit-file/test", "{}");
        assertEquals(200, delivered.status(), delivered.body());
        assertTrue(Files.readString(events).contains("{"), "one JSON line per event: " + Files.readString(events));
        assertEquals(204, api.send("DELETE", "/api/v1/admin/notification-channels/audit-file", null).status());

        JsonObject listed = offered(api.get("/api/v1/admin/update-sites/example").json());
        assertEquals("1.0.0", listed.getString("installedVersion"));
        assertTrue(listed.getBoolean("upgradable"), listed.toString());

        Api.Answer tampered = api.postJson("/api/v1/admin/plugins/install",
                "{\"site\":\"example\",\"id\":\"notifier-file\",\"version\":\"1.2.0\"}");
        assertEquals(409, tampered.status(), tampered.body());
        assertEquals("checksum-mismatch", tampered.json().getString("error"));
        assertEquals("1.0.0", plugin().getString("version"), "nothing changed on a bad checksum");

        Api.Answer tooNew = api.postJson("/api/v1/admin/plugins/install",
                "{\"site\":\"example\",\"id\":\"notifier-file\",\"version\":\"9.0.0\"}");
        assertEquals(409, tooNew.status(), tooNew.body());
        assertTrue(tooNew.json().getString("message").contains("needs Lathe >=99.0.0"), tooNew.body());

        Api.Answer upgraded = api.postJson("/api/v1/admin/plugins/install",
                "{\"site\":\"example\",\"id\":\"notifier-file\",\"version\":\"1.1.0\"}");
        assertEquals(200, upgraded.status(), upgraded.body());
        assertEquals("1.1.0", plugin().getString("version"));
        assertEquals("started", plugin().getString("state"));

        assertEquals(200, api.postJson("/api/v1/admin/plugins/notifier-file/disable", "{}").status());
        assertEquals("disabled", plugin().getString("state"));
        Api.Answer removed = api.send("DELETE", "/api/v1/admin/plugins/notifier-file", null);
        assertEquals(200, removed.status(), removed.body());
        assertNull(pluginOrNull(), "uninstalled");

        String audit = api.get("/api/v1/admin/audit?limit=50").body();
        assertTrue(audit.contains("update site example"), "the audit log names where a plugin came from: " + audit);
    }

    @Test
    void aSiteThatCannotBeReadIsRefusedNamingTheField() throws IOException {
        Api.Answer ftp = api.postJson("/api/v1/admin/update-sites", "{\"id\":\"ftp\",\"url\":\"ftp://example.com/\"}");
        assertEquals(400, ftp.status(), ftp.body());
        assertEquals("url", ftp.json().getString("field"));
        // Plain http would let anyone on the way swap the jar the server then runs.
        Api.Answer http = api.postJson("/api/v1/admin/update-sites",
                "{\"id\":\"plain\",\"url\":\"http://plugins.example.com/lathe/\"}");
        assertEquals(400, http.status(), http.body());
        assertEquals("insecure-url", http.json().getString("error"));
        assertEquals("url", http.json().getString("field"));
        Api.Answer badId = api.postJson("/api/v1/admin/update-sites", "{\"id\":\"Not OK\",\"url\":\""
                + site.toUri() + "\"}");
        assertEquals(400, badId.status(), badId.body());
        assertEquals("id", badId.json().getString("field"));
        Path empty = Files.createTempDirectory("lathe-it-no-index-");
        Api.Answer missing = api.postJson("/api/v1/admin/update-sites", "{\"id\":\"empty\",\"url\":\""
                + empty.toUri() + "\"}");
        assertEquals(502, missing.status(), missing.body());
        assertTrue(missing.json().getString("message").contains("plugins.json"), missing.body());
        Api.Answer unknown = api.postJson("/api/v1/admin/plugins/install", "{\"site\":\"nowhere\",\"id\":\"x\"}");
        assertEquals(404, unknown.status(), unknown.body());
    }

    @Test
    void aPluginJarOverTheLimitIsRefusedBeforeAnythingChanges() {
        Api.Answer big = api.postBytes("/api/v1/admin/plugins", new byte[(int) MAX_PLUGIN_BYTES + 1],
                "application/java-archive");
        assertEquals(413, big.status(), big.body());
        assertTrue(big.json().getString("message").contains("LATHE_MAX_PLUGIN_BYTES"), big.body());
    }

    private static JsonObject offered(JsonObject site) {
        JsonArray plugins = site.getJsonArray("plugins");
        assertEquals(1, plugins.size(), site.toString());
        return plugins.getJsonObject(0);
    }

    private static JsonObject plugin() {
        JsonObject plugin = pluginOrNull();
        assertTrue(plugin != null, "not listed");
        return plugin;
    }

    private static JsonObject pluginOrNull() {
        return api.get("/api/v1/admin/plugins").array().stream().map(JsonObject.class::cast)
                .filter(p -> PLUGIN.equals(p.getString("id", null))).findFirst().orElse(null);
    }

    private static JsonObject release(String version, String sha512, String requires) {
        return Json.createObjectBuilder().add("version", version).add("date", "2026-11-27")
                .add("requires", requires).add("url", "notifier-file-" + version + ".jar")
                .add("sha512sum", sha512).build();
    }

    private static String sha512(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-512");
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(new java.security.DigestOutputStream(OutputStream.nullOutputStream(), digest));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The guide's example copied out of this repository, as a third party's own project: its pom names the parent
     * with an empty relativePath, so Maven takes lathe-plugins-parent and plugin-api from the local repository,
     * where this build installed them.
     */
    private static Path copyOfTheExample() throws IOException {
        Path from = Path.of("..", "docs", "examples", "plugin-notifier-file").toAbsolutePath().normalize();
        Path to = Files.createTempDirectory("lathe-it-third-party-project-").resolve("notifier-file");
        try (var files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(file);
                if (relative.startsWith("target")) {
                    continue;
                }
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to.resolve(relative.toString()));
                } else {
                    Files.copy(file, to.resolve(relative.toString()));
                }
            }
        }
        return to;
    }

    /**
     * Builds the project as its author releases a version: {@code mvn package} in a Maven process of its own,
     * offline, with the contract tests when {@code test}.
     */
    private static Path build(Path project, String version, boolean test) throws Exception {
        Path pom = project.resolve("pom.xml");
        String text = Files.readString(pom);
        Files.writeString(pom, text.replaceFirst("<artifactId>notifier-file</artifactId>\\s*<version>[^<]+</version>",
                "<artifactId>notifier-file</artifactId>\n  <version>" + version + "</version>"));
        Path log = project.resolve("build-" + version + ".log");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("mvn", "-o", "-B", "-q",
                "package"));
        if (!test) {
            command.add("-DskipTests");
        }
        Process maven = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!maven.waitFor(5, java.util.concurrent.TimeUnit.MINUTES) || maven.exitValue() != 0) {
            maven.destroyForcibly();
            throw new AssertionError("the example plugin did not build:\n" + Files.readString(log));
        }
        Path jar = project.resolve("target").resolve("notifier-file-" + version + ".jar");
        assertTrue(Files.exists(jar), "built " + jar);
        return jar;
    }
}
