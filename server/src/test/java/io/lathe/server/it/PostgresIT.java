package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same server on a real PostgreSQL: the schema migrates, the example runs, state survives restarts, a shutdown
 * records running executions as stopped, and an execution whose server died is reported lost rather than left
 * running forever.
 */
class PostgresIT {

    @Test
    void theServerRunsOnPostgresqlAndKeepsItsStateAcrossRestarts() throws Exception {
        Path home = Files.createTempDirectory("lathe-it-pg-");
        try (PostgresDatabase database = new PostgresDatabase().create()) {
            LatheServer server = new LatheServer(home, database.serverEnvironment()).start();
            String project;
            String behaviour;
            String stoppedByShutdown;
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
                JsonObject series = api.get("/api/v1/executions/" + prepare.getString("id")
                        + "/metadata/series").json().getJsonArray("series").getJsonObject(0);
                assertEquals("samples", series.getString("key"), "chart series are read from PostgreSQL too");
                assertEquals(1, series.getJsonArray("y").size());

                String dataset = prepare.getJsonArray("outputs").getJsonObject(0).getString("datum");
                assertEquals(1, api.get("/api/v1/datums?project=" + project + "&name=data&limit=5").json()
                        .getJsonArray("items").size(), "datum search runs on PostgreSQL");
                assertEquals(200, api.send("PUT", "/api/v1/projects/" + project + "/datum-aliases/pg-data",
                        "{\"datum\":\"" + dataset + "\"}").status());
                assertEquals(201, api.postJson("/api/v1/projects/" + project + "/models/pg-model/versions",
                        "{\"files\":[\"" + dataset + "\"]}").status());
                assertEquals(1, api.get("/api/v1/datums/" + dataset + "/lineage").json().getJsonArray("executions")
                        .size(), "lineage is walked on PostgreSQL");

                // The executions table's SQL (keyset conditions, metric upserts) on PostgreSQL.
                String table = Projects.create(api, "pg-table");
                String tableCommit = Projects.commit(api, table, CodePackages.of(List.of(
                        CodePackages.Entry.file("valohai.yaml", ExecutionsTableIT.VALOHAI_YAML))));
                for (String id : ExecutionsTableIT.start(api, table, tableCommit, ExecutionsTableIT.LOSSES.length)) {
                    assertEquals("complete", api.awaitEnd(id).getString("status"));
                }
                ExecutionsTableIT.walkEverySort(api, table, ExecutionsTableIT.LOSSES.length, 5);

                behaviour = Projects.commit(api, project, CodePackages.of("behaviour"));
                stoppedByShutdown = startSleeper(api, project, behaviour);
            } finally {
                server.stop();
            }
            try (Connection connection = database.connect()) {
                assertEquals("STOPPED", status(connection, stoppedByShutdown),
                        "a shutdown stops running executions and records it");
                assertEquals(2 + ExecutionsTableIT.LOSSES.length, count(connection, "SELECT COUNT(*) FROM execution"),
                        "the executions are in PostgreSQL");
                assertEquals(2 * 9, count(connection, "SELECT COUNT(*) FROM execution_metric WHERE name IN"
                        + " ('loss', 'epoch') AND last_value < 9"), "the metric rows, updated past the first point");
                assertEquals(ExecutionIT.sha256(server.adminToken().getBytes(StandardCharsets.UTF_8)),
                        text(connection, "SELECT token_hash FROM api_token"),
                        "tokens are stored as their SHA-256, never as themselves");
            }

            Map<String, String> oneAtATime = new HashMap<>(database.serverEnvironment());
            oneAtATime.put("LATHE_LOCAL_CONCURRENCY", "1");
            LatheServer restarted = new LatheServer(home, oneAtATime).start();
            String lostInCrash;
            try {
                Api api = new Api(restarted, restarted.adminToken());
                assertEquals(200, api.get("/api/v1/projects/" + project).status(), "token and project survive");
                lostInCrash = startSleeper(api, project, behaviour);
            } finally {
                restarted.kill();
            }
            try (Connection connection = database.connect()) {
                assertTrue(text(connection, "SELECT settings FROM configured_instance WHERE point = 'compute'"
                        + " AND name = 'local'").contains("\"max-concurrency\":\"1\""),
                        "LATHE_LOCAL_CONCURRENCY applies on every start");
            }

            LatheServer afterCrash = new LatheServer(home, database.serverEnvironment()).start();
            try {
                JsonObject lost = new Api(afterCrash, afterCrash.adminToken()).get("/api/v1/executions/" + lostInCrash)
                        .json();
                assertEquals("error", lost.getString("status"));
                assertTrue(lost.getString("status_detail").contains("restarted"), lost.toString());
            } finally {
                afterCrash.stop();
            }
        }
    }

    private static String startSleeper(Api api, String project, String commit) {
        String id = api.postJson("/api/v1/executions", "{\"project\":\"" + project + "\",\"commit\":\"" + commit
                + "\",\"step\":\"sleep\",\"parameters\":{\"seconds\":60}}").json().getString("id");
        api.await("/api/v1/executions/" + id, e -> e.getString("status").equals("started"), Duration.ofSeconds(30));
        return id;
    }

    private static String status(Connection connection, String executionId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT status FROM execution WHERE id = ?")) {
            query.setString(1, executionId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static int count(Connection connection, String sql) throws SQLException {
        return Integer.parseInt(text(connection, sql));
    }

    private static String text(Connection connection, String sql) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }
}
