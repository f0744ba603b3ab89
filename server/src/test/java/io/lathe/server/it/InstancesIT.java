package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Configured instances through the admin API: settings checked against what the extension declares, secrets never
 * shown again, changes audited, instances that are in use kept, and a new environment running an execution.
 */
@ExtendWith(SharedServer.class)
class InstancesIT {

    @Test
    void anS3DataStoreIsCheckedFieldByFieldAndItsSecretIsNeverShownAgain() throws Exception {
        Api api = SharedServer.admin();
        String stores = "/api/v1/admin/data-stores";
        assertTrue(api.get(stores).body().contains("\"local\""), "the default store is listed");

        Api.Answer created = api.postJson(stores, "{\"name\":\"archive\",\"factory\":\"s3\",\"settings\":{"
                + "\"bucket\":\"lathe-archive\",\"endpoint\":\"http://127.0.0.1:9\",\"access-key\":\"AKIAEXAMPLE\","
                + "\"secret-key\":\"wJalrXUtnFEMI-SECRET\",\"path-style\":\"true\"}}");
        assertEquals(201, created.status(), created.body());
        JsonObject store = created.json();
        assertEquals("***", store.getJsonObject("settings").getString("secret-key"));
        assertEquals("AKIAEXAMPLE", store.getJsonObject("settings").getString("access-key"));
        assertTrue(store.getJsonArray("form").stream().map(JsonObject.class::cast)
                .anyMatch(f -> f.getString("name").equals("secret-key") && f.getBoolean("secret")),
                "the form declares which settings are secret");
        assertFalse(api.get(stores).body().contains("wJalrXUtnFEMI-SECRET"));
        assertFalse(api.get("/api/v1/admin/audit").body().contains("wJalrXUtnFEMI-SECRET"), "nor in the audit trail");

        Api.Answer updated = api.send("PUT", stores + "/archive", "{\"settings\":{\"bucket\":\"lathe-archive-2\","
                + "\"endpoint\":\"http://127.0.0.1:9\",\"access-key\":\"AKIAEXAMPLE\",\"path-style\":\"true\"}}");
        assertEquals(200, updated.status(), updated.body());
        assertEquals("***", updated.json().getJsonObject("settings").getString("secret-key"),
                "a secret left out keeps its value");
        assertEquals("lathe-archive-2", api.get(stores + "/archive").json().getJsonObject("settings")
                .getString("bucket"));
        assertTrue(api.get("/api/v1/admin/audit").body().contains("\"data-store.update\""));

        assertField(api.postJson(stores, "{\"name\":\"x1\",\"factory\":\"nope\",\"settings\":{}}"), 400, "factory");
        assertField(api.postJson(stores, "{\"name\":\"x2\",\"factory\":\"s3\",\"settings\":{}}"), 400,
                "settings.bucket");
        assertField(api.postJson(stores, "{\"name\":\"x3\",\"factory\":\"local\",\"settings\":{\"rooot\":\"/t\"}}"),
                400, "settings.rooot");
        assertField(api.postJson(stores, "{\"name\":\"Bad Name\",\"factory\":\"local\",\"settings\":{}}"), 400,
                "name");
        assertEquals(409, api.postJson(stores, "{\"name\":\"archive\",\"factory\":\"local\",\"settings\":{}}")
                .status());
        assertEquals(409, api.send("DELETE", stores + "/local", null).status(), "the default store stays");
        assertEquals(204, api.send("DELETE", stores + "/archive", null).status());
        assertEquals(404, api.get(stores + "/archive").status());
    }

    @Test
    void aNewEnvironmentRunsExecutionsAndCannotBeDeletedWhileTheyRun() throws Exception {
        Api api = SharedServer.admin();
        Api.Answer created = api.postJson("/api/v1/admin/environments", "{\"name\":\"single\",\"factory\":\"local\","
                + "\"settings\":{\"max-concurrency\":\"1\"}}");
        assertEquals(201, created.status(), created.body());
        String project = Projects.create(api, "instances");
        String commit = Projects.commit(api, project, CodePackages.of("behaviour"));
        Api.Answer chosen = api.send("PATCH", "/api/v1/projects/" + project, "{\"default_environment\":\"single\"}");
        assertEquals(200, chosen.status(), chosen.body());
        assertEquals("single", chosen.json().getString("default_environment"));
        assertField(api.send("PATCH", "/api/v1/projects/" + project, "{\"default_store\":\"nope\"}"), 400,
                "default_store");
        String sleeper = api.postJson("/api/v1/executions", "{\"project\":\"" + project + "\",\"commit\":\"" + commit
                + "\",\"step\":\"sleep\",\"parameters\":{\"seconds\":30}}").json().getString("id");
        api.await("/api/v1/executions/" + sleeper, e -> e.getString("status").equals("started"),
                java.time.Duration.ofSeconds(60));
        assertEquals("single", api.get("/api/v1/executions/" + sleeper).json().getString("environment"),
                "the project's new default");
        Api.Answer refused = api.send("DELETE", "/api/v1/admin/environments/single", null);
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.json().getString("message").contains("unfinished executions"), refused.body());
        api.postJson("/api/v1/executions/" + sleeper + "/stop", "");
        api.awaitEnd(sleeper);
        assertEquals(409, api.send("DELETE", "/api/v1/admin/environments/single", null).status(),
                "an environment that ran executions stays: their records name it");
        assertEquals(200, api.send("PATCH", "/api/v1/projects/" + project, "{\"default_environment\":\"local\"}")
                .status());
        assertEquals(201, api.postJson("/api/v1/admin/environments", "{\"name\":\"unused\",\"factory\":\"local\","
                + "\"settings\":{}}").status());
        assertEquals(204, api.send("DELETE", "/api/v1/admin/environments/unused", null).status());

        Api.Answer channel = api.postJson("/api/v1/admin/notification-channels", "{\"name\":\"ops\",\"factory\":"
                + "\"webhook\",\"settings\":{\"url\":\"https://hooks.example.com/lathe\",\"secret\":\"hmac-key\"}}");
        assertEquals(201, channel.status(), channel.body());
        assertEquals("***", channel.json().getJsonObject("settings").getString("secret"));
        assertField(api.postJson("/api/v1/admin/notification-channels", "{\"name\":\"ops2\",\"factory\":\"webhook\","
                + "\"settings\":{\"url\":\"ftp://x\"}}"), 400, "settings.url");
    }

    private static void assertField(Api.Answer answer, int status, String field) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals(field, answer.json().getString("field"), answer.body());
    }
}
