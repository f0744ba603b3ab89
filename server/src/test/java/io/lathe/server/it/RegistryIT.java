package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Datasets and the model registry through the API, made by hand and from output properties, used as inputs. */
@ExtendWith(SharedServer.class)
class RegistryIT {

    private static Api api;
    private static String project;
    private static String commit;

    @BeforeAll
    static void project() throws Exception {
        api = SharedServer.admin();
        project = Projects.create(api, "registry");
        commit = Projects.commit(api, project, CodePackages.of("lineage"));
    }

    @Test
    void datasetVersionsAreImmutableBuiltFromOthersAndGiveAllTheirFilesAsInput() {
        JsonObject produced = Projects.runToCompletion(api, project, commit, "\"step\":\"produce\"");
        String model = output(produced, "model.bin");
        String notes = output(produced, "notes.txt");
        String datasets = "/api/v1/projects/" + project + "/datasets";

        Api.Answer v1 = api.postJson(datasets + "/bundle/versions", "{\"version\":\"v1\",\"files\":[\"" + model
                + "\",\"" + notes + "\"]}");
        assertEquals(201, v1.status(), v1.body());
        assertEquals("dataset://bundle/v1", v1.json().getString("uri"));
        assertEquals(Set.of("model.bin", "notes.txt"), names(v1.json()));
        Api.Answer again = api.postJson(datasets + "/bundle/versions", "{\"version\":\"v1\",\"files\":[\"" + model
                + "\"]}");
        assertEquals(409, again.status(), "versions never change");

        Api.Answer v2 = api.postJson(datasets + "/bundle/versions",
                "{\"version\":\"v2\",\"from\":\"v1\",\"exclude\":[\"notes.txt\"]}");
        assertEquals(201, v2.status(), v2.body());
        assertEquals(Set.of("model.bin"), names(v2.json()));
        Api.Answer nullExcluded = api.postJson(datasets + "/bundle/versions",
                "{\"version\":\"v3\",\"from\":\"v1\",\"exclude\":[null]}");
        assertEquals(400, nullExcluded.status(), nullExcluded.body());
        assertEquals("exclude", nullExcluded.json().getString("field"));
        assertEquals(Set.of("model.bin"), names(api.get(datasets + "/bundle/versions/latest").json()));
        assertEquals("v2", api.get(datasets).array().getJsonObject(0).getString("latest_version"));
        assertEquals(List.of("v2", "v1"), api.get(datasets + "/bundle").json().getJsonArray("versions").stream()
                .map(v -> v.asJsonObject().getString("version")).toList());

        JsonObject consumer = Projects.runToCompletion(api, project, commit,
                "\"step\":\"consume\",\"inputs\":{\"model\":\"dataset://bundle/v1\"}");
        assertEquals(Set.of(model, notes), consumer.getJsonArray("inputs").stream()
                .map(i -> i.asJsonObject().getString("datum")).collect(Collectors.toSet()));
        String report = api.get("/api/v1/datums/" + output(consumer, "report.txt") + "/download").body();
        assertTrue(report.contains("weights-") && report.contains("notes"), report);

        Api.Answer unknown = api.postJson("/api/v1/executions", "{\"project\":\"" + project + "\",\"commit\":\""
                + commit + "\",\"step\":\"consume\",\"inputs\":{\"model\":\"dataset://bundle/v9\"}}");
        assertEquals(400, unknown.status());
        assertEquals("inputs.model", unknown.json().getString("field"));
        Api.Answer badName = api.postJson(datasets + "/has%20space/versions", "{\"version\":\"v1\",\"files\":[\""
                + model + "\"]}");
        assertEquals(400, badName.status());
    }

    @Test
    void outputPropertiesMakeModelAndDatasetVersionsThatTheOwnerApprovesBeforeTheyServeAsLatestApproved() {
        JsonObject published = Projects.runToCompletion(api, project, commit, "\"step\":\"publish\"");
        String weights = output(published, "weights.bin");
        String models = "/api/v1/projects/" + project + "/models";

        JsonObject version = api.get(models + "/classifier/versions/1").json();
        assertEquals("pending", version.getString("state"));
        assertEquals("first cut", version.getString("release_note"));
        assertEquals(List.of("baseline"), version.getJsonArray("tags").stream()
                .map(t -> ((jakarta.json.JsonString) t).getString()).toList());
        assertEquals(weights, version.getJsonArray("files").getJsonObject(0).getString("id"));
        JsonObject origin = version.getJsonArray("lineage").getJsonObject(0).getJsonObject("execution");
        assertEquals(published.getString("id"), origin.getString("id"));
        assertEquals(commit, origin.getString("commit"), "the code behind the model, one call away");
        assertEquals(Set.of("weights.bin"), names(api.get("/api/v1/projects/" + project
                + "/datasets/published/versions/run-" + published.getString("id")).json()));

        Api.Answer notYet = api.postJson("/api/v1/executions", "{\"project\":\"" + project + "\",\"commit\":\""
                + commit + "\",\"step\":\"consume\",\"inputs\":{\"model\":\"model://classifier/latest-approved\"}}");
        assertEquals(400, notYet.status());
        assertTrue(notYet.json().getString("message").contains("no version is approved yet"), notYet.body());

        Api.Answer approved = api.postJson(models + "/classifier/versions/1/approve", "{\"comment\":\"looks good\"}");
        assertEquals(200, approved.status(), approved.body());
        assertEquals("approved", approved.json().getString("state"));
        assertEquals("looks good", approved.json().getJsonObject("decision").getString("comment"));
        assertEquals("admin", approved.json().getJsonObject("decision").getString("by"));
        assertEquals(1, api.get(models).array().getJsonObject(0).getInt("latest_approved"));

        JsonObject consumer = Projects.runToCompletion(api, project, commit,
                "\"step\":\"consume\",\"inputs\":{\"model\":\"model://classifier/latest-approved\"}");
        assertEquals(weights, consumer.getJsonArray("inputs").getJsonObject(0).getString("datum"));

        Api.Answer byHand = api.postJson(models + "/classifier/versions", "{\"files\":[\"" + weights
                + "\"],\"release_note\":\"same weights\"}");
        assertEquals(201, byHand.status(), byHand.body());
        assertEquals(2, byHand.json().getInt("number"));
        Api.Answer rejected = api.postJson(models + "/classifier/versions/2/reject", "{\"comment\":\"duplicate\"}");
        assertEquals("rejected", rejected.json().getString("state"));
        assertEquals(1, api.get(models).array().getJsonObject(0).getInt("latest_approved"));
        assertTrue(api.get("/api/v1/admin/audit").body().contains("\"model-version.reject\""));
        assertEquals(404, api.get(models + "/classifier/versions/7").status());
    }

    private static String output(JsonObject execution, String name) {
        return execution.getJsonArray("outputs").stream().map(JsonObject.class::cast)
                .filter(o -> o.getString("path").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no output " + name + " in " + execution)).getString("datum");
    }

    private static Set<String> names(JsonObject version) {
        return version.getJsonArray("files").stream().map(f -> f.asJsonObject().getString("name"))
                .collect(Collectors.toSet());
    }
}
