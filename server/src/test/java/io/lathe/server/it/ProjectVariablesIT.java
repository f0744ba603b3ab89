package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Project environment variables: passed to executions, secrets never shown again and masked in what is stored. */
@ExtendWith(SharedServer.class)
class ProjectVariablesIT {

    private static final String SECRET = "sk-live-0123456789";

    @Test
    void variablesReachExecutionsAndSecretsStayHidden() throws Exception {
        Api api = SharedServer.admin();
        String project = Projects.create(api, "variables");
        String commit = Projects.commit(api, project, CodePackages.of("behaviour"));
        String base = "/api/v1/projects/" + project + "/environment-variables/";
        assertEquals(200, api.send("PUT", base + "GREETING", "{\"value\":\"hello-from-project\"}").status());
        Api.Answer secret = api.send("PUT", base + "API_KEY", "{\"value\":\"" + SECRET + "\",\"secret\":true}");
        assertEquals(200, secret.status(), secret.body());
        assertFalse(secret.body().contains(SECRET));
        assertEquals(400, api.send("PUT", base + "VH_JOB_ID", "{\"value\":\"x\"}").status());

        String listed = api.get(base.substring(0, base.length() - 1)).body();
        assertTrue(listed.contains("hello-from-project") && listed.contains("API_KEY"), listed);
        assertFalse(listed.contains(SECRET), "a secret value is never returned");

        String id = api.postJson("/api/v1/executions", "{\"project\":\"" + project + "\",\"commit\":\"" + commit
                + "\",\"step\":\"print-variables\"}").json().getString("id");
        JsonObject execution = api.awaitEnd(id);
        assertEquals("complete", execution.getString("status"));
        String log = api.get("/api/v1/executions/" + id + "/logs").body();
        assertTrue(log.contains("greeting=hello-from-project key=***"), log);
        assertFalse(log.contains(SECRET), log);
        String metadata = api.get("/api/v1/executions/" + id + "/metadata").body();
        assertTrue(metadata.contains("\"key\": \"***\""), metadata);
        assertFalse(execution.toString().contains(SECRET));

        assertEquals(204, api.send("DELETE", base + "API_KEY", null).status());
        assertEquals(404, api.send("DELETE", base + "API_KEY", null).status());
    }
}
