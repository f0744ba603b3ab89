package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Plugins that hang, throw, crash or answer nonsense on purpose ({@link MisbehavingPlugins}), configured as
 * environments, data stores and notification channels through the admin API: each failure ends what it broke with a
 * message naming the instance and the call, within the time limit, is recorded against the plugin (and the execution
 * it broke), and the server keeps serving meanwhile.
 */
@ExtendWith(SharedServer.class)
class PluginContainmentIT {

    private static final String YAML = """
            - step:
                name: write
                image: busybox
                command:
                  - echo one > "$VH_OUTPUTS_DIR/one.txt"
                  - echo two > "$VH_OUTPUTS_DIR/two.txt"
            - step:
                name: read
                image: busybox
                command: cat "$VH_INPUTS_DIR/data/"*
                inputs:
                  - name: data
            """;
    private static final long LIMIT = SharedServer.PLUGIN_TIME_LIMIT_SECONDS;

    private static Api admin;
    /** The commit of each project made here. */
    private static final Map<String, String> COMMITS = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void setUp() throws Exception {
        admin = SharedServer.admin();
    }

    @Test
    void anEnvironmentThatHangsThrowsCrashesOrAnswersNonsenseFailsItsExecutionSayingWhy() {
        String project = projectWithCommit("contain-env");
        Map<String, String> expected = Map.of(
                "hang", "did not answer launch within " + LIMIT + " s",
                "throw", "failed launch: launch breaks on purpose",
                "crash", "failed launch: a class could not be loaded; the plugin may be built for another version of"
                        + " Lathe or be damaged",
                "nonsense", "answered launch with nonsense: no handle for the job");
        for (Map.Entry<String, String> behaviour : expected.entrySet()) {
            String environment = "env-" + behaviour.getKey();
            configure("environments", environment, behaviour.getKey(), "launch");
            long started = System.nanoTime();
            String execution = execute(project, "\"step\":\"write\",\"environment\":\"" + environment + "\"");
            JsonObject ended = admin.awaitEnd(execution);
            assertEquals("error", ended.getString("status"), ended.toString());
            String detail = ended.getString("status_detail");
            assertTrue(detail.contains("the environment '" + environment + "' " + behaviour.getValue()), detail);
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(LIMIT + 10),
                    "ended within the time limit");
            assertFault("compute", environment, "launch", execution);
        }
        configure("environments", "env-capacity", "nonsense", "capacity");
        String execution = execute(project, "\"step\":\"write\",\"environment\":\"env-capacity\"");
        JsonObject ended = admin.awaitEnd(execution);
        assertEquals("error", ended.getString("status"));
        assertTrue(ended.getString("status_detail").contains("the environment 'env-capacity' answered capacity with"
                + " nonsense: a capacity of 0"), ended.toString());
    }

    @Test
    void aHangingEnvironmentKeepsNoOtherRequestWaiting() throws Exception {
        String project = projectWithCommit("contain-busy");
        configure("environments", "env-slow", "hang", "launch");
        String execution = execute(project, "\"step\":\"write\",\"environment\":\"env-slow\"");
        Thread.sleep(500);
        assertEquals("queued", admin.get("/api/v1/executions/" + execution).json().getString("status"),
                "still waiting for launch");
        long asked = System.nanoTime();
        Api.Answer me = admin.get("/api/v1/me");
        assertEquals(200, me.status());
        // The launch hangs until the time limit: an answer well before it shows nothing waited for it.
        assertTrue(System.nanoTime() - asked < TimeUnit.SECONDS.toNanos(2), "answered at once");
        assertEquals("error", admin.awaitEnd(execution).getString("status"));
    }

    @Test
    void aDataStoreThatHangsOnPutFailsTheExecutionWhoseOutputsItWasToKeep() {
        configure("data-stores", "store-hang", "hang", "put");
        String project = projectWithCommit("contain-put");
        assertEquals(200, admin.send("PATCH", "/api/v1/projects/" + project, "{\"default_store\":\"store-hang\"}")
                .status());
        long started = System.nanoTime();
        String execution = execute(project, "\"step\":\"write\",\"environment\":\"local\"");
        JsonObject ended = admin.awaitEnd(execution);
        assertEquals("error", ended.getString("status"), ended.toString());
        String detail = ended.getString("status_detail");
        assertTrue(detail.contains("was not stored: the data store 'store-hang' made no progress on put for " + LIMIT
                + " s"), detail);
        assertTrue(detail.contains("1 more output was skipped"), "the second output does not wait again: " + detail);
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(2 * LIMIT + 20));
        assertEquals(0, ended.getJsonArray("outputs").size());
        assertFault("storage", "store-hang", "put", execution);
    }

    @Test
    void aDatumFromAFailingDataStoreIsA502WithTheStoresMessageAndItsInputFailsTheExecution() {
        configure("data-stores", "store-broken-open", "throw", "open");
        configure("data-stores", "store-null-open", "nonsense", "open");
        configure("data-stores", "store-null-put", "nonsense", "put");
        for (String[] store : new String[][] {
                {"store-broken-open", "the data store 'store-broken-open' failed open: open breaks on purpose"},
                {"store-null-open", "the data store 'store-null-open' answered open with nonsense: no stream"}}) {
            String project = projectWithCommit("contain-" + store[0]);
            assertEquals(200, admin.send("PATCH", "/api/v1/projects/" + project, "{\"default_store\":\"" + store[0]
                    + "\"}").status());
            Api.Answer uploaded = admin.postBytes("/api/v1/datums?project=" + project + "&name=data.txt",
                    "some data\n".getBytes(StandardCharsets.UTF_8), "text/plain");
            assertEquals(201, uploaded.status(), uploaded.body());
            String datum = uploaded.json().getString("id");

            Api.Answer download = admin.get("/api/v1/datums/" + datum + "/download");
            assertEquals(502, download.status(), download.body());
            assertTrue(download.header("Content-Type").startsWith("application/json"));
            assertEquals("plugin-failed", download.json().getString("error"));
            assertEquals(store[1], download.json().getString("message"));
            assertFalse(download.body().contains("at io.lathe"), "no stack trace");

            String execution = execute(project, "\"step\":\"read\",\"environment\":\"local\",\"inputs\":{\"data\":"
                    + "\"datum://" + datum + "\"}");
            JsonObject ended = admin.awaitEnd(execution);
            assertEquals("error", ended.getString("status"));
            assertTrue(ended.getString("status_detail").contains(store[1]), ended.toString());
            assertFault("storage", store[0], "open", execution);
        }
        String project = projectWithCommit("contain-null-put");
        assertEquals(200, admin.send("PATCH", "/api/v1/projects/" + project, "{\"default_store\":\"store-null-put\"}")
                .status());
        Api.Answer refused = admin.postBytes("/api/v1/datums?project=" + project + "&name=data.txt",
                "x".getBytes(StandardCharsets.UTF_8), "text/plain");
        assertEquals(502, refused.status(), refused.body());
        assertEquals("the data store 'store-null-put' answered put with nonsense: no stored object",
                refused.json().getString("message"));
    }

    @Test
    void aNotificationChannelIsTestedThroughTheApiAndItsFailuresAre502s() throws Exception {
        Map<String, String> expected = Map.of(
                "hang", "the notification channel 'notify-hang' did not answer deliver within " + LIMIT + " s",
                "throw", "the notification channel 'notify-throw' failed deliver: deliver breaks on purpose",
                "crash", "the notification channel 'notify-crash' failed deliver: a class could not be loaded; the"
                        + " plugin may be built for another version of Lathe or be damaged",
                "nonsense", "the notification channel 'notify-nonsense' failed deliver: nonsense: the event went"
                        + " nowhere");
        configure("notification-channels", "notify-fine", "fine", "");
        Api.Answer delivered = admin.post("/api/v1/admin/notification-channels/notify-fine/test", null);
        assertEquals(200, delivered.status(), delivered.body());
        assertTrue(delivered.json().getBoolean("delivered"));
        for (Map.Entry<String, String> behaviour : expected.entrySet()) {
            String channel = "notify-" + behaviour.getKey();
            configure("notification-channels", channel, behaviour.getKey(), "");
            CompletableFuture<Api.Answer> test = CompletableFuture.supplyAsync(() ->
                    admin.post("/api/v1/admin/notification-channels/" + channel + "/test", null));
            if (behaviour.getKey().equals("hang")) {
                Thread.sleep(500);
                assertFalse(test.isDone(), "the delivery hangs");
                long asked = System.nanoTime();
                assertEquals(200, admin.get("/api/v1/admin/notification-channels").status());
                assertTrue(System.nanoTime() - asked < TimeUnit.SECONDS.toNanos(2), "the server keeps serving");
            }
            Api.Answer answer = test.get(LIMIT + 10, TimeUnit.SECONDS);
            assertEquals(502, answer.status(), answer.body());
            assertEquals("plugin-failed", answer.json().getString("error"));
            assertEquals(behaviour.getValue(), answer.json().getString("message"));
            assertFault("notifier", channel, "deliver", null);
        }
        assertEquals(404, admin.post("/api/v1/admin/notification-channels/no-such-channel/test", null).status());
        assertTrue(admin.get("/api/v1/admin/audit").body().contains("\"notification-channel.test\""));
    }

    @Test
    void theAdminPluginListCountsFaultsAndThePluginShowsTheLatestFirst() {
        configure("notification-channels", "notify-count", "throw", "");
        admin.post("/api/v1/admin/notification-channels/notify-count/test", null);
        admin.post("/api/v1/admin/notification-channels/notify-count/test", null);
        JsonObject listed = admin.get("/api/v1/admin/plugins").array().stream().map(JsonObject.class::cast)
                .filter(p -> MisbehavingPlugins.PLUGIN.equals(p.getString("id", null))).findFirst().orElseThrow();
        assertTrue(listed.getJsonNumber("faultCount").longValue() >= 2, listed.toString());
        assertFalse(listed.containsKey("faults"), "the list leaves the faults out");
        JsonObject webhook = admin.get("/api/v1/admin/plugins").array().stream().map(JsonObject.class::cast)
                .filter(p -> "notifier-webhook".equals(p.getString("id", null))).findFirst().orElseThrow();
        assertEquals(0, webhook.getJsonNumber("faultCount").longValue(), "no channel of it was called");

        JsonObject plugin = admin.get("/api/v1/admin/plugins/" + MisbehavingPlugins.PLUGIN).json();
        JsonObject latest = plugin.getJsonArray("faults").getJsonObject(0);
        assertEquals("notify-count", latest.getString("instance"));
        assertEquals("notifier", latest.getString("extension"));
        assertEquals("deliver", latest.getString("operation"));
        assertEquals("broken-on-purpose", latest.getString("code"));
        assertFalse(latest.containsKey("execution"));
        assertFalse(Instant.parse(latest.getString("at")).isBefore(Instant.parse(plugin.getJsonArray("faults")
                .getJsonObject(1).getString("at"))), "latest first");
        assertFalse(admin.get("/api/v1/plugins").body().contains("faultCount"), "only admins see faults");
        assertEquals(404, admin.get("/api/v1/admin/plugins/no-such-plugin").status());
    }

    private static String projectWithCommit(String prefix) {
        String project = Projects.create(admin, prefix);
        try {
            COMMITS.put(project, Projects.commit(admin, project, CodePackages.of(List.of(
                    CodePackages.Entry.file("valohai.yaml", YAML)))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return project;
    }

    private static String execute(String project, String fields) {
        Api.Answer created = admin.postJson("/api/v1/executions", "{\"project\":\"" + project + "\",\"commit\":\""
                + COMMITS.get(project) + "\"," + fields + "}");
        assertEquals(201, created.status(), created.body());
        return created.json().getString("id");
    }

    private static void configure(String kind, String name, String behaviour, String operations) {
        Api.Answer created = admin.postJson("/api/v1/admin/" + kind, "{\"name\":\"" + name + "\",\"factory\":\""
                + MisbehavingPlugins.FACTORY + "\",\"settings\":{\"behaviour\":\"" + behaviour + "\""
                + (operations.isEmpty() ? "" : ",\"operations\":\"" + operations + "\"") + "}}");
        assertEquals(201, created.status(), created.body());
    }

    /** The misbehaving plugin has a fault of this instance and call, for this execution when one is given. */
    private static void assertFault(String extension, String instance, String operation, String execution) {
        JsonObject plugin = admin.await("/api/v1/admin/plugins/" + MisbehavingPlugins.PLUGIN,
                p -> p.getJsonArray("faults").stream().map(JsonObject.class::cast).anyMatch(f ->
                        f.getString("extension").equals(extension) && f.getString("instance").equals(instance)
                                && f.getString("operation").equals(operation)
                                && (execution == null || execution.equals(f.getString("execution", null)))),
                Duration.ofSeconds(10));
        assertTrue(plugin.getJsonNumber("faultCount").longValue() > 0);
    }
}
