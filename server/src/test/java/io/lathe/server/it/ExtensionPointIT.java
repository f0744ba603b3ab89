package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A new extension point is one descriptor plus its interfaces: the test-only point {@code greeter}
 * ({@link io.lathe.server.it.greeter.GreeterPoint}), added to the server as a library and offered by a plugin, is
 * served by the generic machinery with nothing else written for it: the plugin list names its point, the admin API
 * creates, lists, checks and changes greeters with the form their factory declares, calls to a live greeter are
 * guarded (time limit, nonsense, faults recorded against the plugin), and live greeters are kept, remade after a
 * change and hold their plugin.
 */
class ExtensionPointIT {

    private static final int LIMIT = 2;
    private static final String GREETERS = "/api/v1/admin/greeters";

    private static LatheServer server;
    private static Api admin;

    @BeforeAll
    static void start() throws Exception {
        Path home = Files.createTempDirectory("lathe-it-greeter-");
        server = GreeterServer.start(home, Map.of("LATHE_PLUGIN_TIME_LIMIT_SECONDS", Integer.toString(LIMIT)));
        admin = new Api(server, server.adminToken());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void thePluginListNamesThePointOfItsFactory() {
        JsonObject plugin = admin.get("/api/v1/plugins").array().stream().map(JsonObject.class::cast)
                .filter(p -> GreeterServer.PLUGIN.equals(p.getString("id", null))).findFirst().orElseThrow();
        assertEquals("started", plugin.getString("state"), plugin.toString());
        JsonObject extension = plugin.getJsonArray("extensions").getJsonObject(0);
        assertEquals("greeter", extension.getString("point"));
        assertEquals("test", extension.getString("id"));
    }

    @Test
    void theAdminApiCreatesListsChecksAndChangesGreetersWithTheFormTheirFactoryDeclares() {
        assertField(admin.postJson(GREETERS, "{\"name\":\"g1\",\"factory\":\"test\",\"settings\":{}}"),
                "settings.greeting");
        assertField(admin.postJson(GREETERS, "{\"name\":\"g1\",\"factory\":\"test\",\"settings\":{\"greeting\":"
                + "\"Hi, there\"}}"), "settings.greeting");
        assertField(admin.postJson(GREETERS, "{\"name\":\"g1\",\"factory\":\"test\",\"settings\":{\"greeting\":"
                + "\"Hi\",\"colour\":\"red\"}}"), "settings.colour");
        assertField(admin.postJson(GREETERS, "{\"name\":\"g1\",\"factory\":\"nope\",\"settings\":{}}"), "factory");

        Api.Answer created = admin.postJson(GREETERS, "{\"name\":\"formal\",\"factory\":\"test\",\"settings\":{"
                + "\"greeting\":\"Good day\",\"password\":\"sesame\"}}");
        assertEquals(201, created.status(), created.body());
        JsonObject greeter = created.json();
        assertEquals("***", greeter.getJsonObject("settings").getString("password"), "secrets are masked");
        assertEquals("greeting", greeter.getJsonArray("form").getJsonObject(0).getString("name"));
        assertTrue(greeter.getJsonArray("form").getJsonObject(2).getBoolean("secret"));
        assertTrue(admin.get(GREETERS).body().contains("\"formal\""), "listed");
        assertEquals(409, admin.postJson(GREETERS, "{\"name\":\"formal\",\"factory\":\"test\",\"settings\":{"
                + "\"greeting\":\"Hi\"}}").status(), "names are unique within the point");
        assertFalse(admin.get("/api/v1/admin/audit").body().contains("sesame"), "nor is the secret audited");
        assertTrue(admin.get("/api/v1/admin/audit").body().contains("\"greeter.create\""));
        assertEquals(404, admin.get("/api/v1/admin/data-stores/formal").status(), "a greeter is no data store");

        assertEquals(204, admin.send("DELETE", GREETERS + "/formal", null).status());
        assertEquals(404, admin.get(GREETERS + "/formal").status());
    }

    @Test
    void callsToALiveGreeterAreGuardedAndItsFaultsRecordedAgainstThePlugin() {
        create("hello", "Hello", "fine");
        create("slow", "Hello", "hang");
        create("mute", "Hello", "null");

        assertEquals("Hello, Ada!", greet("hello").body());

        long asked = System.nanoTime();
        Api.Answer hung = greet("slow");
        assertEquals(502, hung.status(), hung.body());
        assertEquals("the greeter 'slow' did not answer greet within " + LIMIT + " s",
                hung.json().getString("message"));
        assertTrue(System.nanoTime() - asked < TimeUnit.SECONDS.toNanos(LIMIT + 10), "within the time limit");

        Api.Answer nonsense = greet("mute");
        assertEquals(502, nonsense.status(), nonsense.body());
        assertEquals("the greeter 'mute' answered greet with nonsense: null instead of an answer",
                nonsense.json().getString("message"));

        JsonObject plugin = admin.await("/api/v1/admin/plugins/" + GreeterServer.PLUGIN,
                p -> p.getJsonArray("faults").size() >= 2, Duration.ofSeconds(10));
        JsonObject latest = plugin.getJsonArray("faults").getJsonObject(0);
        assertEquals("greeter", latest.getString("extension"));
        assertEquals("mute", latest.getString("instance"));
        assertEquals("greet", latest.getString("operation"));
        assertEquals("plugin-nonsense", latest.getString("code"));
    }

    @Test
    void aLiveGreeterIsKeptRemadeAfterAChangeAndHoldsItsPlugin() {
        create("kept", "Hello", "fine");
        assertEquals("Hello, Bo!", greet("kept").body());

        Api.Answer changed = admin.send("PUT", GREETERS + "/kept", "{\"settings\":{\"greeting\":\"Howdy\"}}");
        assertEquals(200, changed.status(), changed.body());
        assertEquals("Howdy, Bo!", greet("kept").body(), "the next call is made by a greeter of the new settings");

        Api.Answer disabled = admin.post("/api/v1/admin/plugins/" + GreeterServer.PLUGIN + "/disable", null);
        assertEquals(202, disabled.status(), disabled.body());
        assertTrue(disabled.json().getBoolean("restartRequired"), disabled.body());
        assertTrue(disabled.json().getString("message").contains("greeter 'kept'"), "named as what holds it: "
                + disabled.body());
        assertEquals(200, admin.post("/api/v1/admin/plugins/" + GreeterServer.PLUGIN + "/enable", null).status(),
                "the pending disable is cancelled");
    }

    private static void create(String name, String greeting, String behaviour) {
        Api.Answer created = admin.postJson(GREETERS, "{\"name\":\"" + name + "\",\"factory\":\"test\","
                + "\"settings\":{\"greeting\":\"" + greeting + "\",\"behaviour\":\"" + behaviour + "\"}}");
        assertEquals(201, created.status(), created.body());
    }

    private static Api.Answer greet(String name) {
        return admin.get("/api/v1/test/greeters/" + name + "?who=" + (name.equals("kept") ? "Bo" : "Ada"));
    }

    private static void assertField(Api.Answer answer, String field) {
        assertEquals(400, answer.status(), answer.body());
        assertEquals(field, answer.json().getString("field"), answer.body());
    }
}
