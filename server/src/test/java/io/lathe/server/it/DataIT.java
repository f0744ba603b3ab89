package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Datums through the API: upload, search, tags and aliases from sidecars, lineage, ranged download, purge. */
@ExtendWith(SharedServer.class)
class DataIT {

    private static Api api;
    private static String project;
    private static String commit;

    @BeforeAll
    static void project() throws Exception {
        api = SharedServer.admin();
        project = Projects.create(api, "data");
        commit = Projects.commit(api, project, CodePackages.of("lineage"));
    }

    @Test
    void uploadsAreStreamedChecksummedSearchableAndServedInRanges() {
        byte[] content = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        Api.Answer uploaded = api.postBytes("/api/v1/datums?project=" + project + "&name=raw/train.csv&tag=raw&tag=csv",
                content, "application/octet-stream");
        assertEquals(201, uploaded.status(), uploaded.body());
        JsonObject datum = uploaded.json();
        assertEquals("raw/train.csv", datum.getString("name"));
        assertEquals(16, datum.getInt("size"));
        assertEquals("9f9f5111f7b27a781f1f1ddde5ebc2dd2b796bfc7365c9c28b548e564176929f", datum.getString("sha256"));
        assertEquals(List.of("csv", "raw"), strings(datum.getJsonArray("tags")));
        String id = datum.getString("id");

        assertEquals(List.of(id), ids(api.get("/api/v1/datums?project=" + project + "&name=raw/").json()));
        assertEquals(List.of(id), ids(api.get("/api/v1/datums?project=" + project + "&tag=csv").json()));
        assertEquals(List.of(), ids(api.get("/api/v1/datums?project=" + project + "&name=models/").json()));
        assertEquals(List.of(id), ids(api.get("/api/v1/datums?project=" + project + "&name=raw/&min_size=16"
                + "&max_size=16").json()));

        Api.Answer part = api.getRange("/api/v1/datums/" + id + "/download", "bytes=10-");
        assertEquals(206, part.status());
        assertEquals("abcdef", part.body());
        assertEquals("bytes 10-15/16", part.header("Content-Range"));
        assertEquals("cdef", api.getRange("/api/v1/datums/" + id + "/download", "bytes=-4").body());
        assertEquals("234", api.getRange("/api/v1/datums/" + id + "/download", "bytes=2-4").body());
        assertEquals(416, api.getRange("/api/v1/datums/" + id + "/download", "bytes=16-").status());
        assertEquals(200, api.getRange("/api/v1/datums/" + id + "/download", "lines=1-2").status());

        JsonObject url = api.get("/api/v1/datums/" + id + "/download-url").json();
        assertFalse(url.getBoolean("presigned"), "the local store has no presigned URLs");
        assertTrue(url.getString("url").endsWith("/api/v1/datums/" + id + "/download"), url.toString());
    }

    @Test
    void searchPagesWalkEveryDatumOnceNewestFirst() {
        Set<String> uploaded = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            uploaded.add(api.postBytes("/api/v1/datums?project=" + project + "&name=pages/" + i + ".txt",
                    new byte[] {(byte) i}, "text/plain").json().getString("id"));
        }
        List<String> seen = new java.util.ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonObject page = api.get("/api/v1/datums?project=" + project + "&name=pages/&limit=3"
                    + (next == null ? "" : "&after=" + next)).json();
            seen.addAll(ids(page));
            next = page.isNull("next") ? null : page.getString("next");
            pages++;
        } while (next != null);
        assertEquals(3, pages);
        assertEquals(7, seen.size());
        assertEquals(uploaded, new HashSet<>(seen));

        Api.Answer badCursor = api.get("/api/v1/datums?project=" + project + "&after=nonsense");
        assertEquals(400, badCursor.status());
        assertEquals("after", badCursor.json().getString("field"));
        Api.Answer badTime = api.get("/api/v1/datums?project=" + project + "&created_after=yesterday");
        assertEquals(400, badTime.status());
        assertEquals("created_after", badTime.json().getString("field"));
        Api.Answer badName = api.postBytes("/api/v1/datums?project=" + project + "&name=../escape", new byte[1],
                "text/plain");
        assertEquals(400, badName.status());
        assertEquals("name", badName.json().getString("field"));
    }

    @Test
    void sidecarsTagAndAliasOutputsAndLineageFollowsThemThroughConsumers() {
        JsonObject first = Projects.runToCompletion(api, project, commit, "\"step\":\"produce\"");
        String model = datumNamed(first, "model.bin");
        JsonObject datum = api.get("/api/v1/datums/" + model).json();
        assertEquals(List.of("candidate", "v1"), strings(datum.getJsonArray("tags")));
        assertEquals(List.of("latest-model"), strings(datum.getJsonArray("aliases")));
        assertEquals(0.9, datum.getJsonObject("metadata").getJsonNumber("accuracy").doubleValue());
        assertEquals(List.of(model), ids(api.get("/api/v1/datums?project=" + project + "&alias=latest-model").json()));
        assertEquals(List.of(model), ids(api.get("/api/v1/datums?project=" + project + "&execution="
                + first.getString("id") + "&tag=candidate").json()));
        assertEquals(List.of(model), ids(api.get("/api/v1/datums?project=" + project + "&execution=%23"
                + first.getInt("counter") + "&tag=candidate").json()), "an execution named by its number, as shown");
        Api.Answer noSuchExecution = api.get("/api/v1/datums?project=" + project + "&execution=%23999999");
        assertEquals(400, noSuchExecution.status(), noSuchExecution.body());
        assertEquals("execution", noSuchExecution.json().getString("field"));

        JsonObject second = Projects.runToCompletion(api, project, commit, "\"step\":\"produce\"");
        String newer = datumNamed(second, "model.bin");
        JsonObject alias = api.get("/api/v1/projects/" + project + "/datum-aliases/latest-model").json();
        assertEquals(newer, alias.getString("datum"), "the newest output took the alias");
        assertEquals(List.of(model, newer), alias.getJsonArray("history").stream()
                .map(c -> c.asJsonObject().getString("datum")).toList());

        JsonObject consumer = Projects.runToCompletion(api, project, commit,
                "\"step\":\"consume\",\"inputs\":{\"model\":\"datum://latest-model\"}");
        assertEquals("complete", consumer.getString("status"));
        assertEquals(newer, consumer.getJsonArray("inputs").getJsonObject(0).getString("datum"),
                "the alias is resolved when the execution is created, and recorded");
        String report = datumNamed(consumer, "report.txt");
        assertEquals("weights-" + second.getString("id"), api.get("/api/v1/datums/" + report + "/download").body());

        JsonObject graph = api.get("/api/v1/datums/" + report + "/lineage").json();
        assertEquals(report, graph.getString("root"));
        assertEquals(Set.of(report, newer), idSet(graph.getJsonArray("datums")));
        assertEquals(Set.of(consumer.getString("id"), second.getString("id")), idSet(graph.getJsonArray("executions")));
        Set<String> edges = graph.getJsonArray("edges").stream().map(JsonObject.class::cast)
                .map(e -> e.getString("from") + ">" + e.getString("to") + ":" + e.getString("kind"))
                .collect(Collectors.toSet());
        assertEquals(Set.of(second.getString("id") + ">" + newer + ":output",
                newer + ">" + consumer.getString("id") + ":input",
                consumer.getString("id") + ">" + report + ":output"), edges);

        JsonObject downstream = api.get("/api/v1/datums/" + newer + "/lineage").json();
        assertTrue(idSet(downstream.getJsonArray("datums")).contains(report), "what was made from it");
        assertFalse(downstream.getBoolean("truncated"));

        Api.Answer repoint = api.send("PUT", "/api/v1/projects/" + project + "/datum-aliases/latest-model",
                "{\"datum\":\"" + model + "\"}");
        assertEquals(200, repoint.status(), repoint.body());
        assertEquals(3, repoint.json().getJsonArray("history").size());
        Api.Answer badAlias = api.send("PUT", "/api/v1/projects/" + project + "/datum-aliases/latest-model",
                "{\"datum\":\"nope\"}");
        assertEquals(400, badAlias.status());
        assertEquals("datum", badAlias.json().getString("field"));
        assertEquals(404, api.get("/api/v1/projects/" + project + "/datum-aliases/no-such-alias").status());
    }

    @Test
    void deletingPurgesTheBytesAndKeepsTheRecordForLineage() {
        JsonObject produced = Projects.runToCompletion(api, project, commit, "\"step\":\"produce\"");
        String notes = datumNamed(produced, "notes.txt");
        Api.Answer deleted = api.send("DELETE", "/api/v1/datums/" + notes, null);
        assertEquals(200, deleted.status(), deleted.body());
        assertTrue(deleted.json().getBoolean("purged"));
        assertEquals(410, api.get("/api/v1/datums/" + notes + "/download").status());
        JsonObject record = api.get("/api/v1/datums/" + notes).json();
        assertTrue(record.getBoolean("purged"));
        assertEquals(produced.getString("id"), record.getString("output_execution"));
        assertEquals(Set.of(produced.getString("id")),
                idSet(api.get("/api/v1/datums/" + notes + "/lineage").json().getJsonArray("executions")));
        Api.Answer consume = api.postJson("/api/v1/executions", "{\"project\":\"" + project + "\",\"commit\":\""
                + commit + "\",\"step\":\"consume\",\"inputs\":{\"model\":\"datum://" + notes + "\"}}");
        assertEquals(400, consume.status());
        assertEquals("purged-datum", consume.json().getString("error"));
        assertTrue(api.get("/api/v1/admin/audit").body().contains("\"datum.delete\""),
                "the deletion is in the audit trail");
    }

    private static String datumNamed(JsonObject execution, String name) {
        return execution.getJsonArray("outputs").stream().map(JsonObject.class::cast)
                .filter(o -> o.getString("path").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no output " + name + " in " + execution)).getString("datum");
    }

    private static List<String> ids(JsonObject page) {
        return page.getJsonArray("items").stream().map(d -> d.asJsonObject().getString("id")).toList();
    }

    private static Set<String> idSet(JsonArray nodes) {
        return nodes.stream().map(d -> d.asJsonObject().getString("id")).collect(Collectors.toSet());
    }

    private static List<String> strings(JsonArray array) {
        return array.stream().map(v -> ((JsonString) v).getString()).toList();
    }
}
