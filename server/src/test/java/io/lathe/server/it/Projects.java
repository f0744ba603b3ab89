package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Makes projects and commits for tests, each under a name of its own. */
final class Projects {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private Projects() {
    }

    static String create(Api api, String prefix) {
        String name = prefix + "-" + System.nanoTime() % 1_000_000 + "-" + NEXT.incrementAndGet();
        Api.Answer answer = api.postJson("/api/v1/projects", "{\"name\":\"" + name + "\"}");
        assertEquals(201, answer.status(), answer.body());
        return answer.json().getString("id");
    }

    static String commit(Api api, String projectId, Path tarGz) {
        Api.Answer answer = api.postFile("/api/v1/projects/" + projectId + "/commits", tarGz);
        assertEquals(201, answer.status(), answer.body());
        return answer.json().getString("id");
    }

    /** The documented example project, packed from docs/examples/quickstart. */
    static Path quickstart() throws java.io.IOException {
        return CodePackages.of(Path.of("..", "docs", "examples", "quickstart").toAbsolutePath().normalize());
    }

    /**
     * Runs an execution of the commit to its end and checks it completed.
     *
     * @param fields the request's other fields, as JSON members: {@code "step": "train", "inputs": {...}}
     */
    static jakarta.json.JsonObject runToCompletion(Api api, String projectId, String commit, String fields) {
        Api.Answer created = api.postJson("/api/v1/executions", "{\"project\":\"" + projectId + "\",\"commit\":\""
                + commit + "\"," + fields + "}");
        assertEquals(201, created.status(), created.body());
        jakarta.json.JsonObject ended = api.awaitEnd(created.json().getString("id"));
        assertEquals("complete", ended.getString("status"), ended.toString());
        return ended;
    }
}
