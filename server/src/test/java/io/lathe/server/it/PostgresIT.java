package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The same server on a real PostgreSQL: the schema migrates, the example runs, state survives a restart, and an
 * execution whose server died is reported lost rather than left running forever.
 */
class PostgresIT {

    @Test
    void theServerRunsOnPostgresqlAndKeepsItsStateAcrossRestarts() throws Exception {
        Path home = Files.createTempDirectory("lathe-it-pg-");
        try (PostgresDatabase database = new PostgresDatabase().create()) {
            LatheServer server = new LatheServer(home, database.serverEnvironment()).start();
            String project;
            String sleeper;
            try {
                assertTrue(server.log().contains("database:    jdbc:postgresql://"), server.log());
                Api api = new Api(server, server.adminToken());
                project = Projects.create(api, "pg");
                String commit = Projects.commit(api, project, Projects.quickstart());
                Api.Answer created = api.postJson("/api/v1/executions", "{\"project\":\"" + project
                        + "\",\"commit\":\"" + commit + "\",\"step\":\"prepare-data\"}");
                assertEquals(201, created.status(), created.body());
                JsonObject prepare = api.awaitEnd(created.json().getString("id"));
                assertEquals("complete", prepare.getString("status"));
                assertEquals(1, api.get("/api/v1/executions/" + prepare.getString("id") + "/metadata").array().size());

                String behaviour = Projects.commit(api, project, CodePackages.of("behaviour"));
                sleeper = api.postJson("/api/v1/executions", "{\"project\":\"" + project + "\",\"commit\":\""
                        + behaviour + "\",\"step\":\"sleep\",\"parameters\":{\"seconds\":60}}").json().getString("id");
                api.await("/api/v1/executions/" + sleeper, e -> e.getString("status").equals("started"),
                        Duration.ofSeconds(30));
            } finally {
                server.kill();
            }

            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM execution")) {
                    rows.next();
                    assertEquals(2, rows.getInt(1), "the executions are in PostgreSQL");
                }
                try (ResultSet rows = statement.executeQuery("SELECT token_hash FROM api_token")) {
                    rows.next();
                    String token = server.adminToken();
                    assertEquals(ExecutionIT.sha256(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                            rows.getString(1), "tokens are stored as their SHA-256, never as themselves");
                }
            }

            LatheServer restarted = new LatheServer(home, database.serverEnvironment()).start();
            try {
                Api api = new Api(restarted, restarted.adminToken());
                assertEquals(200, api.get("/api/v1/projects/" + project).status(), "token and project survive");
                JsonObject lost = api.get("/api/v1/executions/" + sleeper).json();
                assertEquals("error", lost.getString("status"));
                assertTrue(lost.getString("status_detail").contains("restarted"), lost.toString());
            } finally {
                restarted.stop();
            }
        }
    }
}
