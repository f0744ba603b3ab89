package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The first thing a user does, end to end: the documented example, and what user code sees while it runs. */
@ExtendWith(SharedServer.class)
class ExecutionIT {

    private static Api api;
    private static String project;
    private static String quickstart;
    private static String behaviour;

    @BeforeAll
    static void upload() throws Exception {
        api = SharedServer.admin();
        project = Projects.create(api, "executions");
        quickstart = Projects.commit(api, project, Projects.quickstart());
        behaviour = Projects.commit(api, project, CodePackages.of("behaviour"));
    }

    @Test
    void quickstartRunsEndToEndAndEveryOutputIsADatumWithItsChecksum() throws Exception {
        JsonObject prepare = run(quickstart, "prepare-data", "{\"samples\": 300}", "{}");
        assertEquals("complete", prepare.getString("status"), prepare.toString());
        assertEquals(0, prepare.getInt("exit_code"));
        assertEquals(300, prepare.getJsonObject("parameters").getInt("samples"));
        assertEquals(List.of("python3 prepare.py --samples=300 --noise=0.1"), strings(prepare.getJsonArray("command")));
        JsonObject dataset = prepare.getJsonArray("outputs").getJsonObject(0);
        assertEquals("dataset.csv", dataset.getString("path"));
        assertEquals(1, prepare.getJsonArray("outputs").size(), "the sidecar is properties, not an output");

        JsonObject datum = api.get("/api/v1/datums/" + dataset.getString("datum")).json();
        assertEquals("quickstart-dataset", datum.getJsonObject("metadata").getString("valohai.alias"));
        assertEquals(prepare.getString("id"), datum.getString("output_execution"));
        Path downloaded = Files.createTempFile("dataset", ".csv");
        assertEquals(200, api.download("/api/v1/datums/" + datum.getString("id") + "/download", downloaded)
                .statusCode());
        assertEquals(datum.getString("sha256"), sha256(Files.readAllBytes(downloaded)));
        assertEquals(301, Files.readAllLines(downloaded).size());

        JsonObject train = run(quickstart, "train", "{\"epochs\": 7, \"learning_rate\": 0.2}",
                "{\"dataset\": \"datum://" + datum.getString("id") + "\"}");
        assertEquals("complete", train.getString("status"), api.get("/api/v1/executions/" + train.getString("id")
                + "/logs").body());
        JsonObject input = train.getJsonArray("inputs").getJsonObject(0);
        assertEquals(datum.getString("sha256"), input.getString("sha256"));
        assertEquals("dataset.csv", input.getString("file_name"));
        JsonArray metadata = api.get("/api/v1/executions/" + train.getString("id") + "/metadata").array();
        assertEquals(7, metadata.size());
        assertEquals(7, metadata.getJsonObject(6).getInt("epoch"));
        assertTrue(metadata.getJsonObject(0).containsKey("_time"));
        assertEquals("model/model.json", train.getJsonArray("outputs").getJsonObject(0).getString("path"));
        assertTrue(api.get("/api/v1/executions/" + train.getString("id") + "/logs").body().contains("trained a="));
        assertEquals("train", train.getJsonObject("step_config").getString("name"));
    }

    @Test
    void copyRunsTheSameCommitStepParametersAndInputFilesAgain() throws Exception {
        JsonObject original = run(quickstart, "prepare-data", "{\"samples\": 50, \"noise\": 0.5}", "{}");
        Api.Answer copied = api.post("/api/v1/executions/" + original.getString("id") + "/copy", null);
        assertEquals(201, copied.status(), copied.body());
        JsonObject copy = api.awaitEnd(copied.json().getString("id"));
        assertEquals("complete", copy.getString("status"));
        assertEquals(original.getString("commit"), copy.getString("commit"));
        assertEquals(original.getJsonObject("parameters"), copy.getJsonObject("parameters"));
        assertEquals(original.getJsonArray("command"), copy.getJsonArray("command"));
        assertEquals(original.getString("id"), copy.getString("copied_from"));
        assertEquals(original.getJsonArray("outputs").getJsonObject(0).getString("sha256"),
                copy.getJsonArray("outputs").getJsonObject(0).getString("sha256"), "same inputs, same bytes");
        assertEquals(original.getInt("counter") + 1, copy.getInt("counter"));
    }

    @Test
    void userCodeSeesTheValohaiRuntimeContract() throws Exception {
        HttpServer files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        files.createContext("/data/table.csv", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        files.start();
        try {
            String url = "http://127.0.0.1:" + files.getAddress().getPort() + "/data/table.csv";
            JsonObject execution = run(behaviour, "contract", "{\"rate\": 0.25, \"label\": \"it's here\"}",
                    "{\"data\": [\"" + url + "\"]}");
            assertEquals("complete", execution.getString("status"), logOf(execution));
            JsonObject seen = api.get("/api/v1/executions/" + execution.getString("id") + "/metadata").array()
                    .getJsonObject(0).getJsonObject("contract");

            JsonObject env = seen.getJsonObject("env");
            assertEquals("exec-" + execution.getString("id"), env.getString("VH_JOB_ID"));
            assertEquals(execution.getString("id"), env.getString("VH_EXECUTION_ID"));
            assertEquals(project, env.getString("VH_PROJECT_ID"));
            assertEquals("hi", env.getString("GREETING"));
            for (String folder : List.of("VH_INPUTS_DIR", "VH_OUTPUTS_DIR", "VH_CONFIG_DIR", "VH_REPOSITORY_DIR")) {
                assertTrue(env.containsKey(folder), folder);
            }
            assertEquals(env.getString("VH_REPOSITORY_DIR"), seen.getString("cwd"));
            assertEquals(List.of("--rate=0.25", "--layers=3", "--shuffle", "--label=it's here"),
                    strings(seen.getJsonArray("argv")));
            assertEquals(0.25, seen.getJsonObject("parameters").getJsonNumber("rate").doubleValue());
            assertTrue(seen.getJsonObject("parameters").getBoolean("shuffle"));

            JsonObject file = seen.getJsonObject("inputs").getJsonObject("data").getJsonArray("files").getJsonObject(0);
            assertEquals("table.csv", file.getString("name"));
            assertEquals(env.getString("VH_INPUTS_DIR") + "/data/table.csv", file.getString("path"));
            assertEquals(sha256(body), seen.getJsonObject("input_sha256").getString("table.csv"));
            assertEquals(sha256(body), execution.getJsonArray("inputs").getJsonObject(0).getString("sha256"),
                    "the checksum of a fetched URL is part of the record");
            assertEquals(execution.getInt("counter"), seen.getJsonObject("execution")
                    .getInt("valohai.execution-counter"));
            assertEquals("contract", seen.getJsonObject("execution").getString("valohai.execution-step"));
        } finally {
            files.stop(0);
        }
    }

    @Test
    void anInputsDefaultInTheYamlAppliesWhenNoneIsGiven() throws Exception {
        HttpServer files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/weights.bin", exchange -> {
            byte[] body = "default weights\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        files.start();
        try {
            String url = "http://127.0.0.1:" + files.getAddress().getPort() + "/weights.bin";
            String yaml = "- step:\n    name: defaulted\n    image: busybox\n"
                    + "    command: cat \"$VH_INPUTS_DIR/model/weights.bin\"\n"
                    + "    inputs:\n      - name: model\n        default: " + url + "\n";
            String commit = Projects.commit(api, project, CodePackages.of(List.of(
                    CodePackages.Entry.file("valohai.yaml", yaml))));
            JsonObject execution = run(commit, "defaulted", "{}", "{}");
            assertEquals("complete", execution.getString("status"), logOf(execution));
            assertEquals(url, execution.getJsonArray("inputs").getJsonObject(0).getString("uri"));
            assertEquals("default weights\n", logOf(execution));
        } finally {
            files.stop(0);
        }
    }

    /**
     * The shared server allows only 127.0.0.1 and localhost (the tests' own HTTP servers): another loopback address
     * and a cloud's metadata service are not fetched, and the execution says why.
     */
    @Test
    void anInputOnAnInternalAddressTheAdministratorDidNotAllowIsNotFetched() throws IOException {
        String yaml = "- step:\n    name: fetch\n    image: busybox\n    command: ls \"$VH_INPUTS_DIR/data\"\n"
                + "    inputs:\n      - name: data\n";
        String commit = Projects.commit(api, project, CodePackages.of(List.of(
                CodePackages.Entry.file("valohai.yaml", yaml))));
        for (String url : List.of("http://127.0.0.2:9/secret.txt", "http://169.254.169.254/latest/meta-data/x")) {
            JsonObject execution = run(commit, "fetch", "{}", "{\"data\": \"" + url + "\"}");
            assertEquals("error", execution.getString("status"), url);
            String detail = execution.getString("status_detail");
            assertTrue(detail.contains("LATHE_INPUT_HOST_ALLOWLIST"), detail);
            assertFalse(detail.contains("Exception"), detail);
        }
    }

    /** An input that trickles in slowly: stopping the execution ends the download, and the execution, at once. */
    @Test
    void stoppingAnExecutionWhileItDownloadsAnInputEndsItWithinASecond() throws Exception {
        HttpServer files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        java.util.concurrent.CountDownLatch downloading = new java.util.concurrent.CountDownLatch(1);
        files.createContext("/slow.bin", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            downloading.countDown();
            try {
                for (int i = 0; i < 1_200; i++) {
                    exchange.getResponseBody().write('x');
                    exchange.getResponseBody().flush();
                    Thread.sleep(50);
                }
            } catch (IOException | InterruptedException e) {
                // the server went away: what the test wants
            } finally {
                exchange.close();
            }
        });
        files.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        files.start();
        try {
            String yaml = "- step:\n    name: slow\n    image: busybox\n    command: ls \"$VH_INPUTS_DIR/data\"\n"
                    + "    inputs:\n      - name: data\n";
            String commit = Projects.commit(api, project, CodePackages.of(List.of(
                    CodePackages.Entry.file("valohai.yaml", yaml))));
            String url = "http://127.0.0.1:" + files.getAddress().getPort() + "/slow.bin";
            Api.Answer created = api.postJson("/api/v1/executions", "{\"project\":\"" + project + "\",\"commit\":\""
                    + commit + "\",\"step\":\"slow\",\"inputs\":{\"data\":\"" + url + "\"}}");
            assertEquals(201, created.status(), created.body());
            String id = created.json().getString("id");
            assertTrue(downloading.await(60, java.util.concurrent.TimeUnit.SECONDS), "the download started");
            long stopped = System.nanoTime();
            Api.Answer stop = api.send("POST", "/api/v1/executions/" + id + "/stop", null);
            assertTrue(stop.status() < 300, stop.body());
            JsonObject ended = api.await("/api/v1/executions/" + id,
                    e -> e.getString("status").matches("complete|error|stopped"), java.time.Duration.ofSeconds(20));
            long tookMillis = (System.nanoTime() - stopped) / 1_000_000;
            assertEquals("stopped", ended.getString("status"), ended.toString());
            // Within a second of the stop, plus the polling of this test.
            assertTrue(tookMillis < 2_500, "ended " + tookMillis + " ms after the stop");
        } finally {
            files.stop(0);
        }
    }

    @Test
    void badRequestsNameTheFieldAndRecordNothing() throws Exception {
        int before = api.get("/api/v1/executions?project=" + project + "&limit=1000").array().size();
        assertRefused("{\"project\":\"" + project + "\",\"commit\":\"" + quickstart + "\",\"step\":\"train\","
                + "\"parameters\":{\"epochs\":0},\"inputs\":{\"dataset\":\"https://example.invalid/d.csv\"}}",
                "parameters.epochs");
        assertRefused("{\"project\":\"" + project + "\",\"commit\":\"" + quickstart + "\",\"step\":\"train\","
                + "\"parameters\":{\"epochs\":\"many\"},\"inputs\":{\"dataset\":\"https://example.invalid/d\"}}",
                "parameters.epochs");
        assertRefused("{\"project\":\"" + project + "\",\"commit\":\"" + quickstart + "\",\"step\":\"train\","
                + "\"parameters\":{\"optimizer\":\"adam\"},\"inputs\":{\"dataset\":\"https://example.invalid/d\"}}",
                "parameters.optimizer");
        assertRefused("{\"project\":\"" + project + "\",\"commit\":\"" + quickstart + "\",\"step\":\"train\","
                + "\"parameters\":{\"momentum\":1},\"inputs\":{\"dataset\":\"https://example.invalid/d\"}}",
                "parameters.momentum");
        assertRefused("{\"project\":\"" + project + "\",\"commit\":\"" + quickstart + "\",\"step\":\"train\"}",
                "inputs.dataset");
        assertRefused("{\"project\":\"" + project + "\",\"commit\":\"" + quickstart + "\",\"step\":\"train\","
                + "\"inputs\":{\"dataset\":\"datum://00000000-0000-0000-0000-000000000000\"}}", "inputs.dataset");
        assertRefused("{\"project\":\"" + project + "\",\"commit\":\"" + quickstart + "\",\"step\":\"train\","
                + "\"inputs\":{\"dataset\":\"ftp://example.invalid/d\"}}", "inputs.dataset");
        String unknownStep = assertRefused("{\"project\":\"" + project + "\",\"commit\":\"" + quickstart
                + "\",\"step\":\"deploy\"}", "step");
        assertTrue(unknownStep.contains("prepare-data") && unknownStep.contains("train"), unknownStep);
        String unknownInput = assertRefused("{\"project\":\"" + project + "\",\"commit\":\"" + quickstart
                + "\",\"step\":\"train\",\"inputs\":{\"data\":\"https://example.invalid/d\"}}", "inputs.data");
        assertTrue(unknownInput.contains("dataset"), unknownInput);
        assertRefused("{\"project\":\"" + project + "\",\"step\":\"train\"}", "commit");
        Api.Answer notJson = api.postBytes("/api/v1/executions", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "text/plain");
        assertEquals(415, notJson.status(), notJson.body());
        assertTrue(notJson.json().getString("message").contains("application/json"), notJson.body());
        assertEquals(before, api.get("/api/v1/executions?project=" + project + "&limit=1000").array().size());
    }

    /** Checks the request is refused naming the field, and gives the message. */
    private String assertRefused(String body, String field) {
        Api.Answer answer = api.postJson("/api/v1/executions", body);
        assertEquals(400, answer.status(), body + " -> " + answer.body());
        assertEquals(field, answer.json().getString("field"), answer.body());
        assertFalse(answer.json().getString("message").isBlank());
        return answer.json().getString("message");
    }

    private JsonObject run(String commit, String step, String parameters, String inputs) {
        Api.Answer created = api.postJson("/api/v1/executions", Json.createObjectBuilder()
                .add("project", project).add("commit", commit).add("step", step)
                .add("parameters", Json.createReader(new java.io.StringReader(parameters)).readObject())
                .add("inputs", Json.createReader(new java.io.StringReader(inputs)).readObject())
                .build().toString());
        assertEquals(201, created.status(), created.body());
        assertEquals("queued", created.json().getString("status"));
        return api.awaitEnd(created.json().getString("id"));
    }

    private static String logOf(JsonObject execution) {
        return api.get("/api/v1/executions/" + execution.getString("id") + "/logs").body();
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString)
                .toList();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
