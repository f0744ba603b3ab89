package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh server of its own: the first admin's token file and its life (24 hours unless used, deleted once the admin
 * signed in or made another token); then, restarted on the same data folder, the start-up banner's warning when jobs
 * run unsandboxed. In this order, so that one data folder serves both (each start costs a minute or more here).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstAdminIT {

    @TempDir
    static Path folder;
    private static Path home;
    private static LatheServer server;

    @BeforeAll
    static void start() throws Exception {
        home = folder.resolve("home");
        server = new LatheServer(home, Map.of()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    @Order(1)
    void theFirstAdminsTokenFileGoesOnceUsedAndAnUnusedTokenExpiresInADay() throws Exception {
        Path tokenFile = home.resolve("secrets/initial-admin-token");
        Path passwordFile = home.resolve("secrets/initial-admin-password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
        String initial = Files.readString(tokenFile).trim();
        assertTrue(initial.startsWith("lathe_"));

        // On the first start only, a request without a token is told where the first one is.
        Api.Answer anonymous = new Api(server, null).get("/api/v1/projects");
        assertEquals(401, anonymous.status());
        assertTrue(anonymous.json().getString("message").contains(tokenFile.toAbsolutePath().toString()),
                anonymous.body());

        // Signing in with the password: the token file goes; the token, never used, still expires in a day.
        Api.Answer signedIn = new Api(server, null).postJson("/api/v1/auth/token", "{\"username\":\"admin\","
                + "\"password\":\"" + Files.readString(passwordFile).trim() + "\",\"name\":\"laptop\"}");
        assertEquals(201, signedIn.status(), signedIn.body());
        assertFalse(Files.exists(tokenFile), "the token file is deleted at the first sign-in");
        Api.Answer later = new Api(server, null).get("/api/v1/projects");
        assertFalse(later.json().getString("message").contains("initial-admin-token"), later.body());
        Api laptop = new Api(server, signedIn.json().getString("token"));
        JsonObject unused = initialToken(laptop);
        Duration lifetime = Duration.between(Instant.parse(unused.getString("created_at")),
                Instant.parse(unused.getString("expires_at")));
        assertEquals(Duration.ofHours(24), lifetime);

        // Its first use lifts the expiry; making a token with it deletes a token file again.
        Files.writeString(tokenFile, initial + "\n");
        Api first = new Api(server, initial);
        assertEquals(201, first.postJson("/api/v1/tokens", "{\"name\":\"ci\"}").status());
        assertFalse(Files.exists(tokenFile), "the token file is deleted once the admin makes another token");
        JsonObject used = initialToken(laptop);
        assertTrue(!used.containsKey("expires_at") || used.isNull("expires_at"), "a used first token no longer "
                + "expires: " + used);
        assertEquals(200, first.get("/api/v1/me").status());
    }

    @Test
    @Order(2)
    void theStartUpBannerWarnsWhenJobsRunUnsandboxed() throws Exception {
        assertFalse(server.log().contains("runs every job unsandboxed"), server.log());
        Api admin = new Api(server, server.adminToken());
        JsonObject local = admin.get("/api/v1/admin/environments/local").json();
        // The python3 on the server's PATH (pyenv under /root here) is readable by sandboxed jobs, nothing around it.
        String python = pythonOutsideUsr();
        if (!python.isEmpty()) {
            assertEquals(python, local.getJsonObject("settings").getString("read-only-paths"), local.toString());
        }
        JsonObjectBuilder settings = Json.createObjectBuilder(local.getJsonObject("settings")).add("sandbox", "none");
        Api.Answer changed = admin.send("PUT", "/api/v1/admin/environments/local",
                Json.createObjectBuilder().add("settings", settings).build().toString());
        assertEquals(200, changed.status(), changed.body());
        server.stop();
        server = new LatheServer(home, Map.of()).start();
        assertTrue(server.log().contains("WARNING:     compute environment 'local' runs every job unsandboxed"),
                server.log());
    }

    /** Where the python3 on the PATH is installed, as the server finds it, when outside /usr; else empty. */
    private static String pythonOutsideUsr() throws Exception {
        Process python = new ProcessBuilder("python3", "-c", "import sys; print(sys.prefix); print(sys.base_prefix)")
                .start();
        String printed = new String(python.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        python.waitFor();
        return String.join(":", printed.lines().map(String::strip).filter(line -> !line.startsWith("/usr"))
                .distinct().toList());
    }

    private static JsonObject initialToken(Api admin) {
        return admin.get("/api/v1/tokens").array().stream().map(JsonObject.class::cast)
                .filter(token -> token.getString("name").equals("initial")).findFirst().orElseThrow();
    }
}
