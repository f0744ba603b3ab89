package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Statuses, stopping, time limits, queueing and the output streams of running executions. */
@ExtendWith(SharedServer.class)
class ExecutionControlIT {

    private static Api api;
    private static String project;
    private static String commit;

    @BeforeAll
    static void upload() throws Exception {
        api = SharedServer.admin();
        project = Projects.create(api, "control");
        commit = Projects.commit(api, project, CodePackages.of("behaviour"));
    }

    @Test
    void aCommandListStopsAtTheFirstFailureAndRecordsItsExitCode() {
        JsonObject execution = api.awaitEnd(start("stops-at-first-failure", "{}"));
        assertEquals("error", execution.getString("status"));
        assertEquals(3, execution.getInt("exit_code"));
        String log = log(execution.getString("id"));
        assertTrue(log.contains("one"), log);
        assertFalse(log.contains("never"), log);
    }

    @Test
    void stopEndsTheWholeProcessTree() throws Exception {
        String id = start("process-tree", "{}");
        api.await("/api/v1/executions/" + id, e -> e.getString("status").equals("started")
                && log(id).contains("started"), Duration.ofSeconds(30));
        Api.Answer stop = api.post("/api/v1/executions/" + id + "/stop", null);
        assertEquals(200, stop.status(), stop.body());
        JsonObject stopped = api.awaitEnd(id);
        assertEquals("stopped", stopped.getString("status"));

        JsonObject pidFile = stopped.getJsonArray("outputs").getJsonObject(0);
        assertEquals("child.pid", pidFile.getString("path"), "outputs are collected on stop too");
        Path pid = Files.createTempFile("child", ".pid");
        api.download("/api/v1/datums/" + pidFile.getString("datum") + "/download", pid);
        assertTrue(Long.parseLong(Files.readString(pid).trim()) > 0);
        // The pid the job wrote is its sandbox's own; from here its processes are found by their environment.
        assertTrue(endsSoon(id), "a process of execution " + id + " still runs");

        Api.Answer again = api.post("/api/v1/executions/" + id + "/stop", null);
        assertEquals(409, again.status());
    }

    @Test
    void theStepsTimeLimitStopsIt() {
        long started = System.nanoTime();
        JsonObject execution = api.awaitEnd(start("time-limited", "{}"));
        assertEquals("stopped", execution.getString("status"));
        assertTrue(execution.getString("status_detail").contains("time limit"), execution.toString());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 30);
    }

    @Test
    void executionsBeyondTheEnvironmentsConcurrencyWaitQueuedAndCanBeStoppedThere() {
        List<String> sleepers = new ArrayList<>();
        for (int i = 0; i < SharedServer.CONCURRENCY + 1; i++) {
            sleepers.add(start("sleep", "{\"seconds\": 20}"));
        }
        String last = sleepers.get(sleepers.size() - 1);
        for (String id : sleepers.subList(0, SharedServer.CONCURRENCY)) {
            api.await("/api/v1/executions/" + id, e -> e.getString("status").equals("started"), Duration.ofSeconds(30));
        }
        assertEquals("queued", api.get("/api/v1/executions/" + last).json().getString("status"));

        api.post("/api/v1/executions/" + last + "/stop", null);
        JsonObject stopped = api.awaitEnd(last);
        assertEquals("stopped", stopped.getString("status"));
        assertFalse(stopped.containsKey("started_at") && !stopped.isNull("started_at"), stopped.toString());
        sleepers.subList(0, SharedServer.CONCURRENCY).forEach(id -> api.post("/api/v1/executions/" + id + "/stop",
                null));
        sleepers.forEach(id -> assertEquals("stopped", api.awaitEnd(id).getString("status")));
    }

    @Test
    void everyMetadataLineIsKeptInOrder() {
        JsonObject execution = api.awaitEnd(start("many-metadata", "{\"points\": 20000}"));
        assertEquals("complete", execution.getString("status"), log(execution.getString("id")));
        JsonArray points = api.get("/api/v1/executions/" + execution.getString("id") + "/metadata").array();
        assertEquals(20000, points.size());
        for (int i = 0; i < points.size(); i += 997) {
            assertEquals(i, points.getJsonObject(i).getInt("i"));
        }
    }

    @Test
    void logsAreReadFromAnOffsetAndStreamedLiveWithStdoutAndStderrApart() throws Exception {
        String id = start("stderr-and-stdout", "{}");
        HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(SharedServer.server().uri("/api/v1/executions/" + id + "/logs/stream"))
                        .header("Authorization", "Bearer " + SharedServer.server().adminToken()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<JsonObject> logEvents = new ArrayList<>();
        String status = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String event = null;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    JsonObject data = Json.createReader(new java.io.StringReader(line.substring(5).trim())).readObject();
                    if ("log".equals(event)) {
                        logEvents.add(data);
                    } else if ("status".equals(event)) {
                        status = data.getString("status");
                    }
                }
            }
        }
        assertEquals("complete", status);
        String stdout = text(logEvents, "stdout");
        String stderr = text(logEvents, "stderr");
        assertTrue(stdout.contains("out-1") && stdout.contains("out-2"), stdout);
        assertTrue(stderr.contains("err-1") && !stderr.contains("out-"), stderr);

        Api.Answer whole = api.get("/api/v1/executions/" + id + "/logs");
        assertTrue(whole.body().contains("out-1\n") && whole.body().contains("err-1\n"), whole.body());
        long end = Long.parseLong(whole.header("Lathe-Log-Offset"));
        assertEquals(whole.body().getBytes(StandardCharsets.UTF_8).length, end);
        int offset = whole.body().indexOf("out-2");
        assertEquals("out-2\n", api.get("/api/v1/executions/" + id + "/logs?offset=" + offset).body());
        assertEquals("", api.get("/api/v1/executions/" + id + "/logs?offset=" + end).body());
    }

    /** Whether the process is gone (or a zombie waiting for its new parent to reap it) within a few seconds. */
    /** Whether, within 5 s, no process of this machine is left whose environment names execution {@code id}. */
    private static boolean endsSoon(String id) throws Exception {
        for (int i = 0; i < 50; i++) {
            if (processesOf(id) == 0) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static int processesOf(String executionId) throws java.io.IOException {
        String variable = "VH_EXECUTION_ID=" + executionId;
        int found = 0;
        try (java.nio.file.DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String stat = Files.readString(process.resolve("stat"), java.nio.charset.StandardCharsets.ISO_8859_1);
                    boolean zombie = stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
                    String environment = new String(Files.readAllBytes(process.resolve("environ")),
                            java.nio.charset.StandardCharsets.ISO_8859_1);
                    if (!zombie && java.util.Arrays.asList(environment.split("\0")).contains(variable)) {
                        found++;
                    }
                } catch (java.io.IOException e) {
                    // ended meanwhile
                }
            }
        }
        return found;
    }

    private static String text(List<JsonObject> events, String stream) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.getString("stream").equals(stream)).forEach(e -> text.append(e.getString("text")));
        return text.toString();
    }

    private static String start(String step, String parameters) {
        Api.Answer created = api.postJson("/api/v1/executions", "{\"project\":\"" + project + "\",\"commit\":\""
                + commit + "\",\"step\":\"" + step + "\",\"parameters\":" + parameters + "}");
        assertEquals(201, created.status(), created.body());
        return created.json().getString("id");
    }

    private static String log(String id) {
        return api.get("/api/v1/executions/" + id + "/logs").body();
    }
}
