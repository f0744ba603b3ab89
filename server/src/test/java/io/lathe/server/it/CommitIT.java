package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.server.it.CodePackages.Entry;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Uploading code: parsed, validated, content-addressed; unsafe or invalid packages refused with nothing kept. */
@ExtendWith(SharedServer.class)
class CommitIT {

    private static Api api;
    private static String project;

    @BeforeAll
    static void project() throws Exception {
        api = SharedServer.admin();
        project = Projects.create(api, "commits");
    }

    @Test
    void uploadedPackageIsParsedIntoStepsAndNamedByItsSha256() throws Exception {
        Path tarGz = Projects.quickstart();
        Api.Answer answer = api.postFile("/api/v1/projects/" + project + "/commits", tarGz);
        assertEquals(201, answer.status(), answer.body());
        JsonObject commit = answer.json();
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(tarGz)));
        assertEquals("~" + sha256, commit.getString("id"));
        assertEquals(List.of("prepare-data", "train"), commit.getJsonArray("steps").stream()
                .map(s -> s.asJsonObject().getString("name")).toList());
        JsonObject epochs = commit.getJsonArray("steps").getJsonObject(1).getJsonArray("parameters").getJsonObject(0);
        assertEquals("epochs", epochs.getString("name"));
        assertEquals("integer", epochs.getString("type"));

        Api.Answer again = api.postFile("/api/v1/projects/" + project + "/commits", tarGz);
        assertEquals(200, again.status());
        assertEquals(commit.getString("id"), again.json().getString("id"));
        assertEquals(200, api.get("/api/v1/projects/" + project + "/commits/" + commit.getString("id")).status());
    }

    @Test
    void pipelineWithAnEdgeToAMissingInputIsRefusedWithItsLineAndWarningsAreShownOnTheCommit() throws Exception {
        String steps = "- step:\n    name: train\n    image: python\n    command: python train.py\n"
                + "    inputs:\n      - name: dataset\n";
        String broken = steps + "- pipeline:\n    name: flow\n    nodes:\n"
                + "      - {name: a, type: execution, step: train}\n      - {name: b, type: execution, step: train}\n"
                + "    edges:\n      - [a.output.model.pkl, b.input.model]\n";
        Api.Answer refused = upload(List.of(Entry.file("valohai.yaml", broken)));
        assertEquals(400, refused.status(), refused.body());
        JsonObject error = refused.json();
        assertEquals("invalid-config", error.getString("error"));
        assertTrue(error.getString("message").startsWith("valohai.yaml line 13: pipeline 'flow', edge"
                + " a.output.model.pkl -> b.input.model: step 'train' of node 'b' has no input 'model'"),
                error.toString());

        String warned = broken.replace("b.input.model", "b.input.dataset").replace("a.output.", "a.outputs.");
        Api.Answer accepted = upload(List.of(Entry.file("valohai.yaml", warned)));
        assertEquals(201, accepted.status(), accepted.body());
        String id = accepted.json().getString("id");
        JsonObject commit = api.get("/api/v1/projects/" + project + "/commits/" + id).json();
        assertEquals(1, commit.getJsonArray("warnings").size(), commit.toString());
        assertTrue(commit.getJsonArray("warnings").getString(0).startsWith("valohai.yaml line 13:"),
                commit.toString());
        assertTrue(commit.getJsonArray("warnings").getString(0).contains("it is read as 'output'"),
                commit.toString());
    }

    @Test
    void invalidValohaiYamlIsRefusedNamingTheFileAndLine() throws Exception {
        String yaml = "- step:\n    name: broken\n    image: python\n    command: python x.py\n"
                + "    parameters:\n      - name: lr\n        type: double\n";
        Api.Answer answer = upload(List.of(Entry.file("valohai.yaml", yaml)));
        assertEquals(400, answer.status());
        JsonObject error = answer.json();
        assertEquals("invalid-config", error.getString("error"));
        assertEquals("valohai.yaml", error.getString("field"));
        assertTrue(error.getString("message").contains("valohai.yaml"), error.toString());
        assertTrue(error.getString("message").contains("line 7"), error.toString());
    }

    @Test
    void packagesThatWouldEscapeTheirFolderAreRefusedAndNothingIsRecorded() throws Exception {
        String yaml = "- step:\n    name: a\n    image: b\n    command: c\n";
        List<List<Entry>> attacks = List.of(
                List.of(Entry.file("valohai.yaml", yaml), Entry.file("../escape.txt", "x")),
                List.of(Entry.file("valohai.yaml", yaml), Entry.file("sub/../../escape.txt", "x")),
                List.of(Entry.file("valohai.yaml", yaml), Entry.file("/etc/evil", "x")),
                List.of(Entry.file("valohai.yaml", yaml), Entry.symlink("link", "/etc/passwd")),
                List.of(Entry.file("valohai.yaml", yaml), Entry.symlink("sub/link", "../../outside")));
        int before = commits();
        for (List<Entry> attack : attacks) {
            Api.Answer answer = upload(attack);
            assertEquals(400, answer.status(), attack + " -> " + answer.body());
            assertEquals("unsafe-package-entry", answer.json().getString("error"));
        }
        assertEquals(before, commits());
    }

    @Test
    void bodiesThatAreNotPackagesOfAProjectAreRefused() throws Exception {
        Path notATar = Files.createTempFile("not-a-package", ".txt");
        Files.writeString(notATar, "hello, this is not a tar.gz");
        assertEquals("invalid-package", api.postFile("/api/v1/projects/" + project + "/commits", notATar)
                .json().getString("error"));
        assertEquals("missing-config", upload(List.of(Entry.file("train.py", "print(1)"))).json().getString("error"));
        Path empty = Files.createTempFile("empty", ".tar.gz");
        assertEquals("empty-package", api.postFile("/api/v1/projects/" + project + "/commits", empty)
                .json().getString("error"));
    }

    private Api.Answer upload(List<Entry> entries) throws Exception {
        return api.postFile("/api/v1/projects/" + project + "/commits", CodePackages.of(entries));
    }

    private int commits() {
        return api.get("/api/v1/projects/" + project + "/commits").array().size();
    }
}
