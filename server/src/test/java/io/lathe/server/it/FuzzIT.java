package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A few hundred malformed requests to the real server: broken JSON, wrong JSON types for every field, odd query
 * strings and headers, unknown ids in every path, broken packages. Every answer must be below 500, carry no stack
 * trace, have the API's JSON error shape when it is an error, and carry the security headers. What Payara's HTTP layer
 * refuses before the application sees it (NUL and broken UTF-8 in paths, TRACE) is checked to be refused without a
 * body.
 */
@ExtendWith(SharedServer.class)
class FuzzIT {

    private static final String YAML = """
            - step:
                name: fuzz
                image: busybox
                command: "true {parameters}"
                parameters:
                  - {name: s, type: string}
                  - {name: i, type: integer, min: 0, max: 10, default: 1}
                  - {name: f, type: float, default: 0.5}
                  - {name: b, type: flag}
                  - {name: m, type: integer, multiple: separate, optional: true}
                  - {name: c, type: string, choices: [a, b], default: a}
                inputs:
                  - {name: data, optional: true}
            - step:
                name: broken-pass-as
                image: busybox
                command: "true {parameters}"
                parameters:
                  - {name: x, pass-as: "--x={nope}", default: "1"}
            """;
    /** Sent with every execution request, so that none that passes every other check is run. */
    private static final String NO_SUCH_ENVIRONMENT = "no-such-environment";

    private static final List<String> WRONG_VALUES = List.of("123", "1.5", "true", "false", "null", "[]", "{}",
            "[\"x\"]", "{\"a\":1}", "\"" + "x".repeat(1_000) + "\"", "\"" + "x".repeat(5_000) + "\"", "1e999999999",
            "-0", "\"\"", "\"\\u0000\"",
            "\"\\ud800\"", "[[[[[]]]]]", "99999999999999999999999");

    private static final List<String> ODD_IDS = List.of("x", "00000000-0000-0000-0000-000000000000", "%E2%98%83",
            "%2e%2e", "a%2Fb", "%2F", "%27", "%22", "%3Cscript%3E", "~" + "0".repeat(64), "-1", "1e9", "null", "%20",
            "%0A", "x".repeat(2_000), "a;b=c", "%25", "%F0%9F%98%80", "%C3%A9t%C3%A9");
    /**
     * Escapes the HTTP layer of Payara refuses before any filter or resource sees the request (NUL, bytes that are not
     * UTF-8, an encoded surrogate, a backslash): answered 400 without a body, so with nothing of ours.
     */
    private static final List<String> REFUSED_BEFORE_THE_APPLICATION = List.of("%00", "%FF", "%C0%AF", "%ED%A0%80",
            "%5C");

    /** HTTP/1.1, as curl, the vh CLI and scripts speak it. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static String token;
    private static String project;
    private static String commit;
    private static String execution;
    private final List<String> failures = new ArrayList<>();
    private int requests;

    @BeforeAll
    static void createProjectAndCommit() throws IOException {
        Api api = SharedServer.admin();
        token = SharedServer.server().adminToken();
        project = Projects.create(api, "fuzz");
        commit = Projects.commit(api, project, CodePackages.of(List.of(CodePackages.Entry.file("valohai.yaml", YAML))));
        // One real execution, for the parameters of its log endpoints: it runs 'true' and ends at once.
        Api.Answer created = api.postJson("/api/v1/executions", "{\"project\":\"" + project + "\",\"commit\":\""
                + commit + "\",\"step\":\"fuzz\",\"parameters\":{\"s\":\"x\"}}");
        assertEquals(201, created.status(), created.body());
        execution = created.json().getString("id");
        api.awaitEnd(execution);
    }

    @Test
    void brokenJsonBodiesAreRefusedWithTheErrorShape() {
        List<String> bodies = new ArrayList<>(List.of("", " ", "{", "}", "[", "]", "null", "[]", "123", "\"s\"",
                "true", "{\"name\":}", "{name: 'x'}", "{\"name\":\"a\",}", "{\"name\":\"a\"}}", "{\"name\":\"a\" \"x\":1}",
                "\ufeff{\"name\":\"bom\"}", "{\"name\":\"\\ud800\"}", "{\"name\":\"\\u0000\"}", "NaN", "Infinity",
                "{\"name\": NaN}", "1e999999999", "{\"name\":\"a\\q\"}", "{\"\":1}", "/* */ {}", "{'name':'x'}",
                "[".repeat(20_000) + "]".repeat(20_000), "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000),
                "{\"parameters\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + "}",
                "{\"description\":\"" + "d".repeat(900_000) + "\"}"));
        for (String path : List.of("/api/v1/projects", "/api/v1/executions", "/api/v1/auth/token", "/api/v1/tokens",
                "/api/v1/admin/users", "/api/v1/tasks", "/api/v1/projects/" + project + "/datasets/fuzz/versions",
                "/api/v1/projects/" + project + "/models/fuzz/versions", "/api/v1/admin/update-sites",
                "/api/v1/admin/plugins/install")) {
            for (String body : bodies) {
                send("POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8), Map.of());
            }
            send("POST", path, "application/json", new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', '}'},
                    Map.of());
            send("POST", path, "text/plain", "{}".getBytes(StandardCharsets.UTF_8), Map.of());
            send("POST", path, "application/json; charset=klingon", "{}".getBytes(StandardCharsets.UTF_8), Map.of());
            send("POST", path, null, "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        }
        assertNoFailures();
    }

    @Test
    void wrongJsonTypesForEveryFieldAreRefusedWith400() {
        Map<String, String> project = new LinkedHashMap<>();
        project.put("name", "\"fuzz-name-ok\"");
        project.put("description", "\"d\"");
        for (String field : project.keySet()) {
            for (String wrong : WRONG_VALUES) {
                Map<String, String> body = new LinkedHashMap<>(project);
                body.put(field, wrong);
                HttpResponse<String> answer = send("POST", "/api/v1/projects", "application/json", json(body),
                        Map.of());
                // A value JSON-B can read as text may make a valid project; the others are the caller's error.
                expectStatus(answer, 201, 400, 409);
            }
        }
        for (String field : execution().keySet()) {
            for (String wrong : WRONG_VALUES) {
                if (field.equals("environment") && (wrong.equals("null") || wrong.equals("\"\""))) {
                    continue;
                }
                Map<String, String> body = execution();
                body.put(field, wrong);
                expectStatus(send("POST", "/api/v1/executions", "application/json", json(body), Map.of()), 400, 404);
            }
        }
        assertNoFailures();
    }

    @Test
    void wrongJsonTypesForEveryFieldOfATaskAreRefusedAndNoTaskIsRecorded() {
        Map<String, String> task = new LinkedHashMap<>();
        task.put("project", "\"" + project + "\"");
        task.put("commit", "\"" + commit + "\"");
        task.put("step", "\"fuzz\"");
        task.put("type", "\"grid\"");
        task.put("parameters", "{\"s\": {\"style\": \"multiple\", \"rules\": {\"items\": [\"a\", \"b\"]}}}");
        task.put("parallelism", "1");
        task.put("max_executions", "2");
        task.put("objective", "{\"metric\": \"loss\"}");
        task.put("early_stopping", "{\"rule\": \"median\"}");
        task.put("seed", "1");
        // Valid tasks start executions in an environment that exists: the fuzzed bodies must all be refused.
        task.put("parameter_sets", "[]");
        for (String field : List.of("project", "commit", "step", "type", "parameters", "parallelism",
                "max_executions", "objective", "early_stopping", "seed", "task")) {
            for (String wrong : WRONG_VALUES) {
                if (Set.of("max_executions", "seed", "parallelism").contains(field)
                        && wrong.matches("-?\\d{1,3}(\\.5)?")) {
                    continue;
                }
                Map<String, String> body = new LinkedHashMap<>(task);
                body.put(field, wrong);
                if (!field.equals("parameters")) {
                    body.put("parameters", "{\"nope\": {\"style\": \"single\", \"rules\": {\"value\": 1}}}");
                }
                expectStatus(send("POST", "/api/v1/tasks", "application/json", json(body), Map.of()), 400, 404);
            }
        }
        Api.Answer tasks = new Api(SharedServer.server(), token).get("/api/v1/tasks?project=" + project);
        assertEquals("[]", tasks.body().strip(), "nothing half written");
        for (String query : List.of("?project=" + project + "&limit=0", "?project=" + project + "&limit=abc",
                "?project=%00", "?project=", "?limit=5")) {
            send("GET", "/api/v1/tasks" + query, null, null, Map.of());
        }
        assertNoFailures();
    }

    @Test
    void parameterAndInputValuesAreCheckedBeforeAnythingRuns() {
        List<String> values = new ArrayList<>(WRONG_VALUES);
        values.addAll(List.of("\"abc\"", "\"7\"", "\"1e-4\"", "\"yes\"", "7", "0.25", "[1, 2]", "[1, [2]]",
                "[null]", "1e-999999999", "\"" + "9".repeat(100_000) + "\"", "\"NaN\"", "\"Infinity\"", "-1", "11"));
        for (String parameter : List.of("s", "i", "f", "b", "m", "c", "unknown")) {
            for (String value : values) {
                Map<String, String> body = execution();
                body.put("parameters", "{\"" + parameter + "\": " + value + "}");
                HttpResponse<String> answer = send("POST", "/api/v1/executions", "application/json", json(body),
                        Map.of());
                expectStatus(answer, 400);
            }
        }
        List<String> inputs = List.of("{\"data\": \"https://example.com/" + "a".repeat(3_000) + "\"}",
                "{\"data\": \"https://example.com/" + "b".repeat(600) + "\"}", "{\"data\": [\"https://x/a\", 1]}",
                "{\"data\": \"datum://x\"}", "{\"data\": \"ftp://example.com/x\"}", "{\"nope\": \"https://x/a\"}",
                "{\"data\": \"http://exa mple.com/x\"}", "{\"data\": \"http://x/%zz\"}", "{\"data\": \"https://x/%2F..%2F..\"}",
                "{\"data\": [\"https://x/a\", \"https://y/a\"]}", "{\"data\": []}", "{\"data\": {}}", "[\"data\"]");
        for (String value : inputs) {
            Map<String, String> body = execution();
            body.put("inputs", value);
            expectStatus(send("POST", "/api/v1/executions", "application/json", json(body), Map.of()), 400);
        }
        Map<String, String> brokenPattern = execution();
        brokenPattern.put("step", "\"broken-pass-as\"");
        brokenPattern.put("parameters", "{}");
        // The command is built after the environment is checked: this one must get that far.
        brokenPattern.remove("environment");
        HttpResponse<String> answer = send("POST", "/api/v1/executions", "application/json", json(brokenPattern),
                Map.of());
        expectStatus(answer, 400);
        assertTrue(answer.body().contains("nope"), answer.body());
        assertNoFailures();
    }

    @Test
    void oddQueryStringsAndHeadersAreRefusedWith400NamingTheParameter() {
        List<String> numbers = List.of("abc", "1.5", "", "99999999999", "99999999999999999999999", "%00", "%E2%98%83",
                "0x10", "1e3", "%20", "-", "+", "NaN");
        String list = "/api/v1/executions?project=" + project;
        for (String value : numbers) {
            expectInvalid(send("GET", list + "&limit=" + value, null, null, Map.of()), value, "limit", 9);
            expectInvalid(send("GET", list + "&before=" + value, null, null, Map.of()), value, "before", 9);
            expectInvalid(send("GET", "/api/v1/executions/" + execution + "/logs?offset=" + value, null, null,
                    Map.of()), value, "offset", 18);
            expectInvalid(send("GET", "/api/v1/admin/audit?limit=" + value, null, null, Map.of()), value, "limit", 9);
            if (!value.contains("%") && !value.isEmpty()) {
                expectInvalid(send("GET", "/api/v1/executions/" + execution + "/logs/stream", null, null,
                        Map.of("Last-Event-ID", value)), value, "Last-Event-ID", 18);
            }
        }
        for (String query : List.of("?limit=-1", "?limit=0", "?limit=1001", "?before=-2147483648", "?before=0",
                "?project=%00", "?project=", "?project=" + "x".repeat(5_000), "?project=" + project + "&project=x",
                "?%25zz=1", "?=&=&", "?limit", "?project=" + project + "&limit=1&limit=abc", "?" + "a=1&".repeat(2_000))) {
            send("GET", "/api/v1/executions" + query, null, null, Map.of());
        }
        String datums = "/api/v1/datums?project=" + project;
        for (String value : numbers) {
            expectInvalid(send("GET", datums + "&limit=" + value, null, null, Map.of()), value, "limit", 9);
            expectInvalid(send("GET", datums + "&min_size=" + value, null, null, Map.of()), value, "min_size", 18);
            expectInvalid(send("GET", datums + "&max_size=" + value, null, null, Map.of()), value, "max_size", 18);
        }
        for (String query : List.of("&after=x", "&after=%00", "&after=" + "A".repeat(5_000), "&created_after=x",
                "&created_before=2026-13-45T00:00:00Z", "&name=%25%5F%21", "&name=" + "n".repeat(5_000), "&tag=",
                "&alias=%00", "&execution=nope", "&limit=1001")) {
            send("GET", datums + query, null, null, Map.of());
        }
        for (String offset : List.of("-1", "9223372036854775807", "-9223372036854775808")) {
            send("GET", "/api/v1/executions/" + execution + "/logs?offset=" + offset, null, null, Map.of());
        }
        assertNoFailures();
    }

    @Test
    void unknownIdsInEveryPathAreAnsweredWithTheErrorShape() {
        byte[] pkg = gzipTar(List.of());
        for (String x : ODD_IDS) {
            String p = "/api/v1/projects/";
            send("GET", p + x, null, null, Map.of());
            send("GET", p + x + "/commits", null, null, Map.of());
            send("POST", p + x + "/commits", "application/gzip", pkg, Map.of());
            send("GET", p + project + "/commits/" + x, null, null, Map.of());
            send("GET", p + x + "/commits/" + x, null, null, Map.of());
            send("GET", p + x + "/members", null, null, Map.of());
            send("PUT", p + x + "/members/" + x, "application/json", bytes("{\"access\":\"read\"}"), Map.of());
            send("PUT", p + project + "/members/" + x, "application/json", bytes("{\"access\":\"read\"}"), Map.of());
            send("DELETE", p + project + "/members/" + x, null, null, Map.of());
            send("GET", p + x + "/environment-variables", null, null, Map.of());
            send("DELETE", p + project + "/environment-variables/" + x, null, null, Map.of());
            send("GET", "/api/v1/executions/" + x, null, null, Map.of());
            send("GET", "/api/v1/executions/" + x + "/logs", null, null, Map.of());
            send("GET", "/api/v1/executions/" + x + "/logs/stream", null, null, Map.of());
            send("GET", "/api/v1/executions/" + x + "/metadata", null, null, Map.of());
            send("POST", "/api/v1/executions/" + x + "/stop", null, null, Map.of());
            send("POST", "/api/v1/executions/" + x + "/copy", null, null, Map.of());
            send("GET", "/api/v1/datums/" + x, null, null, Map.of());
            send("GET", "/api/v1/datums/" + x + "/download", null, null, Map.of());
            send("GET", "/api/v1/datums/" + x + "/download-url", null, null, Map.of());
            send("GET", "/api/v1/datums/" + x + "/lineage", null, null, Map.of());
            send("DELETE", "/api/v1/datums/" + x, null, null, Map.of());
            send("GET", p + project + "/datum-aliases/" + x, null, null, Map.of());
            send("PUT", p + project + "/datum-aliases/" + x, "application/json", bytes("{\"datum\":\"" + x + "\"}"),
                    Map.of());
            send("GET", p + x + "/datasets", null, null, Map.of());
            send("GET", p + project + "/datasets/" + x, null, null, Map.of());
            send("GET", p + project + "/datasets/" + x + "/versions/" + x, null, null, Map.of());
            send("GET", p + x + "/models", null, null, Map.of());
            send("GET", p + project + "/models/" + x + "/versions/" + x, null, null, Map.of());
            send("POST", p + project + "/models/" + x + "/versions/" + x + "/approve", "application/json",
                    bytes("{}"), Map.of());
            send("GET", "/api/v1/tasks/" + x, null, null, Map.of());
            send("POST", "/api/v1/tasks/" + x + "/stop", null, null, Map.of());
            send("DELETE", "/api/v1/tokens/" + x, null, null, Map.of());
            send("PATCH", "/api/v1/admin/users/" + x, "application/json", bytes("{}"), Map.of());
            send("GET", "/api/v1/admin/plugins/" + x, null, null, Map.of());
            send("GET", "/api/v1/admin/update-sites/" + x, null, null, Map.of());
            send("DELETE", "/api/v1/admin/update-sites/" + x, null, null, Map.of());
            send("POST", "/api/v1/admin/notification-channels/" + x + "/test", null, null, Map.of());
            send("GET", "/api/v1/" + x, null, null, Map.of());
        }
        for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS", "HEAD")) {
            send(method, "/api/v1/projects", null, null, Map.of());
        }
        assertNoFailures();
    }

    @Test
    void pathsWithNulOrBrokenUtf8AreRefusedBeforeTheApplicationWithoutEchoingThem() throws Exception {
        for (String id : REFUSED_BEFORE_THE_APPLICATION) {
            HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(
                    URI.create(SharedServer.server().uri("") + "/api/v1/projects/" + id))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, answer.statusCode(), id);
            assertEquals("", answer.body(), id);
        }
        HttpResponse<String> trace = CLIENT.send(HttpRequest.newBuilder(SharedServer.server().uri("/api/v1/projects"))
                .method("TRACE", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, trace.statusCode());
        assertEquals("", trace.body());
    }

    /**
     * Payara 6.2025.10's URI normalisation fails on some paths that end in a dot segment (an index out of bounds in
     * Grizzly's HttpRequestURIDecoder, logged with its stack trace): the request then never reaches the application
     * and is answered 200 with an empty body. Whatever the container answers, such a path must change nothing.
     */
    @Test
    void pathsEndingInADotSegmentNeverChangeAnything() throws Exception {
        Api api = SharedServer.admin();
        String members = "/api/v1/projects/" + project + "/members";
        String before = api.get(members).body();
        for (String path : List.of(members + "/.", members + "/..", "/api/v1/projects/" + project + "/commits/.",
                "/api/v1/tokens/.", "/api/v1/projects/" + project + "/environment-variables/..", "/api/v1/..")) {
            for (String method : List.of("GET", "DELETE", "PUT", "POST")) {
                HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(
                        URI.create(SharedServer.server().uri("") + path)).header("Authorization", "Bearer " + token)
                        .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
                assertTrue(answer.statusCode() < 500, method + " " + path + " -> " + answer.statusCode());
                assertTrue(!answer.body().contains("Exception") && !answer.body().contains("at org."), answer.body());
            }
        }
        assertEquals(before, api.get(members).body());
        assertEquals(1, api.get("/api/v1/projects/" + project + "/commits").array().size());
    }

    @Test
    void instantsWhoseMillisecondsDoNotFitAreRefusedNamingTheField() {
        String datums = "/api/v1/datums?project=" + project;
        for (String field : List.of("created_after", "created_before")) {
            for (String instant : List.of("%2B999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
                    "%2B10000-01-01T00:00:00Z")) {
                HttpResponse<String> answer = send("GET", datums + "&" + field + "=" + instant, null, null, Map.of());
                expectStatus(answer, 400);
                if (!answer.body().contains("\"field\":\"" + field + "\"")) {
                    failures.add("400 without naming " + field + ": " + shortened(answer.body()));
                }
            }
        }
        assertNoFailures();
    }

    /**
     * Requests the JAX-RS layer never sees: a target that is not a path, and encoded slashes and dot segments that
     * lead out of the API to the container's default servlet (which answered 501 to a PATCH). Sent as raw request
     * lines, as a fuzzer or an attacker would.
     */
    @Test
    void requestsThatNeverReachTheApiAreAnsweredWithTheErrorShape() throws IOException {
        for (String request : List.of("OPTIONS * HTTP/1.1", "PATCH /api/v1/admin/users/..%2F..%2F..%2Fx HTTP/1.1",
                "PATCH /api/v1/admin/users/..%2F..%2F..%2Fapi%2Fx HTTP/1.1", "POST /api/v1/../x HTTP/1.1",
                "PATCH /api/x HTTP/1.1", "POST /api/nope HTTP/1.1")) {
            String answer = raw(request + "\r\nHost: x\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
            String status = answer.isEmpty() ? "" : answer.substring(0, answer.indexOf('\r'));
            String body = answer.contains("\r\n\r\n") ? answer.substring(answer.indexOf("\r\n\r\n") + 4) : "";
            if (!status.matches("HTTP/1\\.1 4\\d\\d.*")) {
                failures.add(request + " -> " + status);
            } else if (!body.contains("\"error\":") || !body.contains("\"message\":")) {
                failures.add(request + " -> " + status + " without the error shape: " + shortened(body));
            }
        }
        // Outside the API, the console's error page, not the container's.
        for (String request : List.of("GET /nope HTTP/1.1", "PATCH /projects HTTP/1.1", "DELETE /x/../y HTTP/1.1",
                "GET /assets/no-such.css HTTP/1.1", "PUT /sign-in HTTP/1.1")) {
            String answer = raw(request + "\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            String status = answer.isEmpty() ? "" : answer.substring(0, answer.indexOf('\r'));
            if (!status.matches("HTTP/1\\.1 4\\d\\d.*")) {
                failures.add(request + " -> " + status);
            } else if (answer.contains("Payara") && answer.indexOf("Payara") > answer.indexOf("\r\n\r\n")
                    || !answer.contains("class=\"card narrow\"")) {
                failures.add(request + " -> " + status + " not the console's error page: " + shortened(answer));
            }
        }
        assertNoFailures();
    }

    /**
     * A form of 10,000 empty fields, sent without any token, made the HTTP layer log a line per field (3.4 MB): the
     * request is refused and the log grows by a few lines at most.
     */
    @Test
    void aMalformedFormWithoutATokenDoesNotFloodTheServerLog() throws Exception {
        Path log = logFile();
        long before = Files.size(log);
        for (String path : List.of("/sign-in", "/sign-in?" + "&".repeat(5_000), "/api/v1/auth/token")) {
            HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(URI.create(SharedServer.server().uri("")
                    + path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("&".repeat(10_000))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(answer.statusCode() >= 400 && answer.statusCode() < 500, path + " -> " + answer.statusCode());
        }
        Thread.sleep(500);
        long grown = Files.size(log) - before;
        assertTrue(grown < 16 * 1024, "the log grew by " + grown + " bytes");

        // Requests the container cannot parse: it logs a stack trace for each, held to one per minute and kind.
        long beforeMalformed = Files.size(log);
        for (int i = 0; i < 40; i++) {
            raw("GET /% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            raw("GET /api/v1/projects HTTP/1.1\r\nHost: x\r\n : y\r\nConnection: close\r\n\r\n");
        }
        Thread.sleep(500);
        long grownMalformed = Files.size(log) - beforeMalformed;
        assertTrue(grownMalformed < 16 * 1024, "80 malformed requests grew the log by " + grownMalformed + " bytes");
    }

    private static Path logFile() {
        Path home = SharedServer.server().home();
        return home.resolveSibling(home.getFileName() + ".log");
    }

    /** Writes {@code request} as it is on a socket of its own and returns what the server answers. */
    private static String raw(String request) throws IOException {
        URI base = SharedServer.server().uri("");
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void malformedPackagesAreRefusedWith4xxAndNothingIsRecorded() throws IOException {
        Api api = SharedServer.admin();
        String commits = "/api/v1/projects/" + project + "/commits";
        int before = api.get(commits).array().size();
        List<byte[]> packages = new ArrayList<>();
        Random random = new Random(0xf022_2026L);
        for (int i = 0; i < 20; i++) {
            byte[] bytes = new byte[random.nextInt(4_000)];
            random.nextBytes(bytes);
            packages.add(bytes);
        }
        byte[] valid = gzipTar(List.of(Tar.file("valohai.yaml", YAML), Tar.file("src/x.py", "print(1)")));
        for (int cut : new int[] {1, 2, 10, 100, valid.length / 2, valid.length - 9}) {
            packages.add(java.util.Arrays.copyOf(valid, cut));
        }
        packages.add(new byte[0]);
        packages.add(new byte[] {0x1f, (byte) 0x8b});
        packages.add(gzipTar(List.of(Tar.file("valohai.yaml", YAML), Tar.file("../escaped", "x"))));
        packages.add(gzipTar(List.of(Tar.file("valohai.yaml", YAML), Tar.file("/etc/escaped", "x"))));
        packages.add(gzipTar(List.of(Tar.file("valohai.yaml", YAML), Tar.link('2', "l", "/etc/passwd"))));
        packages.add(gzipTar(List.of(Tar.file("valohai.yaml", YAML), Tar.link('2', "z", "."),
                Tar.link('2', "y", "z/.."))));
        packages.add(gzipTar(List.of(Tar.file("valohai.yaml", YAML), Tar.link('1', "h", "../../etc/passwd"))));
        packages.add(gzipTar(List.of(Tar.file("valohai.yaml", YAML), Tar.sized("big", "77777777777"))));
        packages.add(gzipTar(List.of(Tar.file("valohai.yaml", YAML), Tar.sized("negative", "\u00ff\u00ff\u00ff"))));
        packages.add(gzipTar(List.of(Tar.file("valohai.yaml", "- step: {name: ["), Tar.file("x", "1"))));
        packages.add(gzipTar(List.of(Tar.file("valohai.yaml", "- step:\n    name: s\n    time-limit: 1e999\n"))));
        packages.add(gzipTar(List.of(Tar.file("main.py", "print(1)"))));
        for (byte[] pkg : packages) {
            HttpResponse<String> answer = send("POST", commits, "application/gzip", pkg, Map.of());
            expectStatus(answer, 400, 413);
        }
        assertEquals(before, api.get(commits).array().size());
        try (Stream<Path> scratch = Files.list(SharedServer.server().home().resolve("tmp"))) {
            assertEquals(List.of(), scratch.toList(), "uploads leave nothing in LATHE_HOME/tmp");
        }
        assertNoFailures();
    }

    // ---- sending and checking ----

    private HttpResponse<String> send(String method, String path, String contentType, byte[] body,
            Map<String, String> headers) {
        requests++;
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(SharedServer.server().uri("") + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        headers.forEach(builder::header);
        String what = method + " " + shortened(path);
        try {
            HttpResponse<String> answer = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            check(what, path, answer);
            return answer;
        } catch (IOException e) {
            failures.add(what + ": the connection failed: " + e);
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void check(String what, String path, HttpResponse<String> answer) {
        int status = answer.statusCode();
        String body = answer.body();
        String reply = what + " -> " + status + " " + shortened(body);
        if (status >= 500) {
            failures.add("a server error: " + reply);
        }
        if (body.contains("at java.") || body.contains("at org.") || body.contains("Exception")) {
            failures.add("a stack trace or exception name: " + reply);
        }
        for (String header : List.of("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
                "X-Frame-Options")) {
            if (answer.headers().firstValue(header).isEmpty()) {
                failures.add("no " + header + ": " + reply);
            }
        }
        if (isApi(path) && status >= 400 && !what.startsWith("HEAD")) {
            String type = answer.headers().firstValue("Content-Type").orElse("");
            try {
                JsonObject error = Json.createReader(new StringReader(body)).readObject();
                boolean shaped = type.startsWith("application/json") && isText(error, "error")
                        && isText(error, "message") && (!error.containsKey("field") || isText(error, "field"));
                if (!shaped) {
                    failures.add("not the error shape (" + type + "): " + reply);
                }
            } catch (RuntimeException e) {
                failures.add("not JSON (" + type + "): " + reply);
            }
        }
    }

    /** Whether the path is in the API once the server has resolved dot segments ({@code /api/v1/..} is not). */
    private static boolean isApi(String path) {
        String withoutQuery = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String resolved = URI.create(withoutQuery.replaceAll("(?i)%2e", ".")).normalize().getPath();
        return resolved.startsWith("/api/v1/") || resolved.equals("/api/v1");
    }

    private static boolean isText(JsonObject object, String key) {
        return object.containsKey(key) && object.get(key).getValueType() == JsonValue.ValueType.STRING;
    }

    private void expectStatus(HttpResponse<String> answer, int... allowed) {
        for (int status : allowed) {
            if (answer.statusCode() == status) {
                return;
            }
        }
        failures.add("expected " + java.util.Arrays.toString(allowed) + ": " + answer.request().method() + " "
                + shortened(answer.uri().toString()) + " -> " + answer.statusCode() + " " + shortened(answer.body()));
    }

    /**
     * A value that is not a whole number of the parameter's type (at most {@code digits} digits are sure to fit) is a
     * 400 naming the parameter; a whole number may be answered with anything below 500.
     */
    private void expectInvalid(HttpResponse<String> answer, String value, String parameter, int digits) {
        if (value.matches("[-+]?\\d{1," + digits + "}")) {
            return;
        }
        expectStatus(answer, 400);
        if (answer.statusCode() == 400 && !answer.body().contains("\"field\":\"" + parameter + "\"")) {
            failures.add("400 without naming " + parameter + ": " + answer.uri() + " -> " + shortened(answer.body()));
        }
    }

    private void assertNoFailures() {
        assertTrue(failures.isEmpty(), failures.size() + " failures in " + requests + " requests:\n"
                + String.join("\n", failures.subList(0, Math.min(15, failures.size()))));
    }

    private static Map<String, String> execution() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("project", "\"" + project + "\"");
        body.put("commit", "\"" + commit + "\"");
        body.put("step", "\"fuzz\"");
        body.put("parameters", "{\"s\": \"text\"}");
        body.put("inputs", "{}");
        body.put("title", "\"t\"");
        body.put("environment", "\"" + NO_SUCH_ENVIRONMENT + "\"");
        return body;
    }

    private static byte[] json(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((key, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(key)
                .append("\":").append(value));
        return bytes(json.append('}').toString());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String shortened(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** Tar entries written header by header, so that fields can be wrong. */
    private record Tar(String name, char type, String link, byte[] content, String sizeField) {
        static Tar file(String name, String content) {
            return new Tar(name, '0', "", bytes(content), null);
        }

        static Tar link(char type, String name, String target) {
            return new Tar(name, type, target, new byte[0], null);
        }

        static Tar sized(String name, String sizeField) {
            return new Tar(name, '0', "", bytes("x"), sizeField);
        }
    }

    private static byte[] gzipTar(List<Tar> entries) {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        for (Tar entry : entries) {
            byte[] header = new byte[512];
            put(header, 0, entry.name());
            put(header, 100, "0000644");
            put(header, 108, "0000000");
            put(header, 116, "0000000");
            put(header, 124, entry.sizeField() != null ? entry.sizeField()
                    : String.format("%011o", entry.content().length));
            put(header, 136, String.format("%011o", 1_700_000_000L));
            header[156] = (byte) entry.type();
            put(header, 157, entry.link());
            put(header, 257, "ustar\u000000");
            java.util.Arrays.fill(header, 148, 156, (byte) ' ');
            int sum = 0;
            for (byte b : header) {
                sum += b & 0xff;
            }
            put(header, 148, String.format("%06o", sum) + "\u0000 ");
            tar.writeBytes(header);
            tar.writeBytes(entry.content());
            tar.writeBytes(new byte[(512 - entry.content().length % 512) % 512]);
        }
        tar.writeBytes(new byte[1024]);
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(tar.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return gzipped.toByteArray();
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, 100));
    }
}
