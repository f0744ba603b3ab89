package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a caller sees and may name, beyond the status of each endpoint (that is {@link AccessMatrixIT}'s part): lists
 * never show a project the caller cannot read, ids of another project inside a request body are refused as if they
 * did not exist, and creating work in a project answers by the caller's access to that project even when the body is
 * valid.
 */
@ExtendWith(SharedServer.class)
class ProjectIsolationIT {

    private static Api owner;
    private static Api stranger;
    private static Api reader;
    private static Api writer;
    private static String victim;
    private static String victimCommit;
    private static String victimDatum;
    private static String victimExecution;
    private static String own;
    private static String ownCommit;

    @BeforeAll
    static void twoProjects() throws Exception {
        LatheServer server = SharedServer.server();
        Api admin = SharedServer.admin();
        owner = Callers.signIn(server, Callers.createUser(admin, "iso-owner", "user"));
        String strangerName = Callers.createUser(admin, "iso-stranger", "user");
        stranger = Callers.signIn(server, strangerName);
        String readerName = Callers.createUser(admin, "iso-reader", "user");
        reader = Callers.signIn(server, readerName);
        String writerName = Callers.createUser(admin, "iso-writer", "user");
        writer = Callers.signIn(server, writerName);

        victim = Projects.create(owner, "iso-victim");
        victimCommit = Projects.commit(owner, victim, quickstartWith("victim.txt"));
        JsonObject ended = Projects.runToCompletion(owner, victim, victimCommit,
                "\"step\":\"prepare-data\",\"parameters\":{\"samples\":10}");
        victimExecution = ended.getString("id");
        victimDatum = ended.getJsonArray("outputs").getJsonObject(0).getString("datum");
        assertEquals(201, owner.postJson("/api/v1/projects/" + victim + "/datasets/secret/versions",
                "{\"version\":\"v1\",\"files\":[\"" + victimDatum + "\"]}").status());
        for (String[] member : new String[][] {{readerName, "read"}, {writerName, "write"}}) {
            Api.Answer added = owner.send("PUT", "/api/v1/projects/" + victim + "/members/" + member[0],
                    "{\"access\":\"" + member[1] + "\"}");
            assertEquals(200, added.status(), added.body());
        }

        own = Projects.create(stranger, "iso-own");
        ownCommit = Projects.commit(stranger, own, Projects.quickstart());
        assertNotEquals(victimCommit, ownCommit);
    }

    @Test
    void listsShowOnlyTheProjectsTheCallerCanRead() {
        assertFalse(ids(stranger.get("/api/v1/projects").array()).contains(victim));
        assertTrue(ids(stranger.get("/api/v1/projects").array()).contains(own));
        assertTrue(ids(reader.get("/api/v1/projects").array()).contains(victim));
        assertFalse(ids(reader.get("/api/v1/projects").array()).contains(own));

        for (String list : List.of("/api/v1/executions?project=", "/api/v1/datums?project=",
                "/api/v1/tasks?project=")) {
            Api.Answer answer = stranger.get(list + victim);
            assertEquals(404, answer.status(), list + " " + answer.body());
            assertFalse(answer.body().contains(victimDatum), answer.body());
            assertFalse(answer.body().contains(victimExecution), answer.body());
        }
        String ownData = stranger.get("/api/v1/datums?project=" + own).body();
        assertFalse(ownData.contains(victimDatum), ownData);
        String ownDatasets = stranger.get("/api/v1/projects/" + own + "/datasets").body();
        assertFalse(ownDatasets.contains("secret"), ownDatasets);
    }

    @Test
    void anotherProjectsDatumInABodyIsRefusedAsUnknown() {
        String uri = "datum://" + victimDatum;
        List<String> leaks = new ArrayList<>();
        expectRefused(leaks, "execution input", stranger.postJson("/api/v1/executions", "{\"project\":\"" + own
                + "\",\"commit\":\"" + ownCommit + "\",\"step\":\"train\",\"inputs\":{\"dataset\":\"" + uri + "\"}}"));
        expectRefused(leaks, "task input", stranger.postJson("/api/v1/tasks", "{\"project\":\"" + own
                + "\",\"commit\":\"" + ownCommit + "\",\"step\":\"train\",\"type\":\"manual\","
                + "\"parameter_sets\":[{\"epochs\":1}],\"inputs\":{\"dataset\":\"" + uri + "\"}}"));
        expectRefused(leaks, "alias", stranger.send("PUT", "/api/v1/projects/" + own + "/datum-aliases/stolen",
                "{\"datum\":\"" + victimDatum + "\"}"));
        expectRefused(leaks, "dataset version", stranger.postJson("/api/v1/projects/" + own
                + "/datasets/stolen/versions", "{\"version\":\"v1\",\"files\":[\"" + victimDatum + "\"]}"));
        expectRefused(leaks, "model version", stranger.postJson("/api/v1/projects/" + own
                + "/models/stolen/versions", "{\"files\":[\"" + victimDatum + "\"]}"));
        expectRefused(leaks, "commit of another project", stranger.postJson("/api/v1/executions",
                "{\"project\":\"" + own + "\",\"commit\":\"" + victimCommit + "\",\"step\":\"prepare-data\"}"));
        assertTrue(leaks.isEmpty(), String.join("\n", leaks));

        assertEquals(404, stranger.get("/api/v1/projects/" + own + "/datum-aliases/stolen").status());
        assertEquals(404, stranger.get("/api/v1/projects/" + own + "/datasets/stolen").status());
        assertEquals(404, stranger.get("/api/v1/projects/" + own + "/models/stolen").status());
    }

    @Test
    void validRequestsToCreateWorkAnswerByTheCallersAccessToTheProject() {
        String execution = "{\"project\":\"" + victim + "\",\"commit\":\"" + victimCommit
                + "\",\"step\":\"prepare-data\",\"parameters\":{\"samples\":10}}";
        String task = "{\"project\":\"" + victim + "\",\"commit\":\"" + victimCommit
                + "\",\"step\":\"prepare-data\",\"type\":\"manual\",\"parameter_sets\":[{\"samples\":10}]}";
        for (String[] request : new String[][] {{"/api/v1/executions", execution}, {"/api/v1/tasks", task}}) {
            Api.Answer asStranger = stranger.postJson(request[0], request[1]);
            assertEquals(404, asStranger.status(), asStranger.body());
            assertFalse(asStranger.body().contains(victimCommit), asStranger.body());
            Api.Answer asReader = reader.postJson(request[0], request[1]);
            assertEquals(403, asReader.status(), asReader.body());
            Api.Answer asWriter = writer.postJson(request[0], request[1]);
            assertEquals(201, asWriter.status(), asWriter.body());
        }
    }

    /** The quickstart with one more file: a commit of its own (commits are named by their content). */
    private static Path quickstartWith(String extraFile) throws IOException {
        Path folder = Files.createTempDirectory("lathe-it-isolation-");
        Path quickstart = Path.of("..", "docs", "examples", "quickstart");
        try (var files = Files.list(quickstart)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, folder.resolve(file.getFileName().toString()));
            }
        }
        Files.writeString(folder.resolve(extraFile), "only here");
        return CodePackages.of(folder);
    }

    /** Another project's id must read as unknown: a 4xx that is neither success nor a hint the id exists. */
    private static void expectRefused(List<String> leaks, String what, Api.Answer answer) {
        if (answer.status() < 400 || answer.status() >= 500 || answer.status() == 403) {
            leaks.add(what + ": " + answer.status() + " " + answer.body());
        }
    }

    private static List<String> ids(JsonArray array) {
        List<String> ids = new ArrayList<>();
        for (JsonValue value : array) {
            ids.add(value.asJsonObject().getString("id"));
        }
        return ids;
    }
}
