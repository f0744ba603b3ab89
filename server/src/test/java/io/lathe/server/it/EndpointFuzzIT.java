package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A seeded black-box fuzz of every endpoint family of the API, as an admin, a plain user, without a token and with a
 * bad one: random and boundary values in path segments, query parameters and bodies. Nothing may answer 5xx but the
 * documented {@code 502 plugin-failed}, and every API error has the error shape. Sized to run in about a minute; the
 * seed and the case are in every failure, so a failure can be replayed.
 *
 * <p>The admin never gets a real name in a path that changes or removes something (a plugin, a user, an instance):
 * the shared server must stay whole for the other tests.
 */
@ExtendWith(SharedServer.class)
class EndpointFuzzIT {

    private static final long SEED = 0x5eed_2026_1208L;
    private static final int REQUESTS = 2_400;

    /** Every endpoint, as the server lists them at start-up. */
    private static final List<String> ENDPOINTS = List.of(
            "DELETE /api/v1/admin/plugins/files/{file}", "DELETE /api/v1/admin/plugins/{id}",
            "DELETE /api/v1/admin/update-sites/{id}", "DELETE /api/v1/admin/{instances}/{name}",
            "DELETE /api/v1/datums/{id}", "DELETE /api/v1/projects/{project}/environment-variables/{name}",
            "DELETE /api/v1/projects/{project}/members/{username}", "DELETE /api/v1/tokens/{id}",
            "GET /api/v1/admin/audit", "GET /api/v1/admin/plugins", "GET /api/v1/admin/plugins/{id}",
            "GET /api/v1/admin/update-sites", "GET /api/v1/admin/update-sites/{id}", "GET /api/v1/admin/users",
            "GET /api/v1/admin/{instances}", "GET /api/v1/admin/{instances}/{name}", "GET /api/v1/datums",
            "GET /api/v1/datums/{id}", "GET /api/v1/datums/{id}/download", "GET /api/v1/datums/{id}/download-url",
            "GET /api/v1/datums/{id}/lineage", "GET /api/v1/executions", "GET /api/v1/executions/{execution}",
            "GET /api/v1/executions/{execution}/logs", "GET /api/v1/executions/{execution}/metadata",
            "GET /api/v1/executions/{execution}/metadata/series", "GET /api/v1/me", "GET /api/v1/plugins",
            "GET /api/v1/projects", "GET /api/v1/projects/{project}", "GET /api/v1/projects/{project}/datasets",
            "GET /api/v1/projects/{project}/datasets/{name}",
            "GET /api/v1/projects/{project}/datasets/{name}/versions/{version}",
            "GET /api/v1/projects/{project}/datum-aliases/{name}",
            "GET /api/v1/projects/{project}/environment-variables", "GET /api/v1/projects/{project}/members",
            "GET /api/v1/projects/{project}/models", "GET /api/v1/projects/{project}/models/{name}",
            "GET /api/v1/projects/{project}/models/{name}/versions/{version}",
            "GET /api/v1/projects/{project}/commits", "GET /api/v1/projects/{project}/commits/{commit}",
            "GET /api/v1/tasks", "GET /api/v1/tasks/{id}", "GET /api/v1/tokens",
            "PATCH /api/v1/admin/users/{username}", "PATCH /api/v1/projects/{other}",
            "POST /api/v1/admin/notification-channels/{name}/test", "POST /api/v1/admin/plugins",
            "POST /api/v1/admin/plugins/install", "POST /api/v1/admin/plugins/{id}/disable",
            "POST /api/v1/admin/plugins/{id}/enable", "POST /api/v1/admin/update-sites",
            "POST /api/v1/admin/users", "POST /api/v1/admin/{instances}", "POST /api/v1/auth/token",
            "POST /api/v1/datums", "POST /api/v1/executions", "POST /api/v1/executions/{execution}/copy",
            "POST /api/v1/executions/{execution}/stop", "POST /api/v1/projects",
            "POST /api/v1/projects/{project}/datasets/{name}/versions",
            "POST /api/v1/projects/{project}/models/{name}/versions",
            "POST /api/v1/projects/{project}/models/{name}/versions/{version}/approve",
            "POST /api/v1/projects/{project}/models/{name}/versions/{version}/reject",
            "POST /api/v1/projects/{project}/commits", "POST /api/v1/tasks", "POST /api/v1/tasks/{id}/stop",
            "POST /api/v1/tokens", "PUT /api/v1/admin/{instances}/{name}",
            "PUT /api/v1/projects/{project}/datum-aliases/{name}",
            "PUT /api/v1/projects/{project}/environment-variables/{name}",
            "PUT /api/v1/projects/{project}/members/{username}");

    private static final List<String> ODD_SEGMENTS = List.of("x", "0", "-1", "00000000-0000-0000-0000-000000000000",
            "%E2%98%83", "%2e%2e", "a%2Fb", "..%2F..%2F..%2Fx", "%27", "%22", "%3Cscript%3E", "%20", "%0A", "%25",
            "a;b=c", "~", "x".repeat(300), "9".repeat(40), "null", "true", "%F0%9F%98%80");
    private static final List<String> INSTANCE_KINDS = List.of("data-stores", "compute-environments",
            "notification-channels", "optimizers", "nope");
    private static final List<String> QUERY_NAMES = List.of("limit", "before", "after", "offset", "project", "name",
            "tag", "alias", "execution", "created_after", "created_before", "min_size", "max_size", "series",
            "metric", "status", "step", "commit", "q", "");
    private static final List<String> VALUES = List.of("", "0", "-1", "1", "1001", "2147483648",
            "9223372036854775808", "-9223372036854775809", "1e999", "NaN", "abc", "%00", "%FF", "%E2%98%83",
            "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2026-13-45T00:00:00Z",
            "2026-01-01T00:00:00Z", "x".repeat(3_000), "null", "true", "[]", "%2F..%2F", "*", "%25", "%2B1");
    private static final List<String> JSON_VALUES = List.of("null", "true", "false", "0", "-1", "1.5", "1e999",
            "123456789012345678901234567890", "9".repeat(1_100), "\"\"", "\"x\"", "\"" + "x".repeat(5_000) + "\"",
            "\"\\u0000\"", "\"\\ud800\"", "\"+999999999-12-31T23:59:59Z\"", "\"-999999999-01-01T00:00:00Z\"",
            "\"2027-01-01T00:00:00Z\"", "[]", "[null]", "[1,\"a\",null]", "{}", "{\"a\":null}", "[[[[]]]]",
            "\"../../etc/passwd\"", "\"http://169.254.169.254/\"", "\"file:///etc/passwd\"", "\"read\"",
            "\"admin\"", "\"user\"");
    private static final List<String> FIELDS = List.of("name", "description", "project", "commit", "step",
            "parameters", "inputs", "title", "environment", "username", "password", "role", "disabled", "expires",
            "url", "id", "site", "version", "datum", "access", "value", "secret", "factory", "settings", "from",
            "exclude", "files", "tags", "type", "max_executions", "parallelism", "objective", "datums", "comment");

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static final Map<String, String> CALLERS = new LinkedHashMap<>();
    private static String project;
    private static String execution;
    private static String commit;

    @BeforeAll
    static void callersAndAProject() throws IOException {
        Api admin = SharedServer.admin();
        project = Projects.create(admin, "endpoint-fuzz");
        commit = Projects.commit(admin, project, CodePackages.of(List.of(CodePackages.Entry.file("valohai.yaml",
                "- step:\n    name: s\n    image: busybox\n    command: 'true'\n"))));
        Api.Answer created = admin.postJson("/api/v1/executions", "{\"project\":\"" + project + "\",\"commit\":\""
                + commit + "\",\"step\":\"s\"}");
        execution = created.json().getString("id");
        admin.awaitEnd(execution);
        String user = Callers.createUser(admin, "fuzzed", "user");
        CALLERS.put("admin", SharedServer.server().adminToken());
        CALLERS.put("user", Callers.signIn(SharedServer.server(), user).token());
        CALLERS.put("no token", null);
        CALLERS.put("bad token", "lathe_" + "0".repeat(40));
    }

    @Test
    void noEndpointAnswers5xxToAnyCallerWhateverItIsSent() {
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        Map<String, Integer> statuses = new TreeMap<>();
        long started = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            String endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
            String caller = new ArrayList<>(CALLERS.keySet()).get(random.nextInt(CALLERS.size()));
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = fill(endpoint.substring(endpoint.indexOf(' ') + 1), random) + query(random);
            String body = method.equals("GET") || method.equals("DELETE") ? null : body(random);
            String what = "#" + i + " " + caller + " " + method + " " + shortened(path) + " "
                    + (body == null ? "" : shortened(body));
            try {
                HttpResponse<String> answer = send(method, path, body, CALLERS.get(caller));
                statuses.merge(caller + " " + answer.statusCode(), 1, Integer::sum);
                check(what, answer).ifPresent(failures::add);
            } catch (IOException e) {
                failures.add(what + ": the connection failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(failures.isEmpty(), failures.size() + " failures in " + REQUESTS + " requests (seed " + SEED
                + ", " + took.toSeconds() + " s):\n" + String.join("\n", failures.subList(0,
                Math.min(25, failures.size()))));
        // The fuzz must reach past the access checks, or it tests less than it seems to.
        assertTrue(statuses.keySet().stream().anyMatch(s -> s.startsWith("admin 2")), statuses.toString());
        assertTrue(statuses.keySet().stream().anyMatch(s -> s.startsWith("admin 400")), statuses.toString());
        assertTrue(statuses.keySet().stream().anyMatch(s -> s.startsWith("user 2")), statuses.toString());
    }

    private static String fill(String template, Random random) {
        String path = template;
        path = path.replace("{instances}", INSTANCE_KINDS.get(random.nextInt(INSTANCE_KINDS.size())));
        // Half the time the project and execution are real, so that the requests get past "not found".
        path = path.replace("{project}", random.nextBoolean() ? project : odd(random));
        path = path.replace("{execution}", random.nextBoolean() ? execution : odd(random));
        path = path.replace("{commit}", random.nextBoolean() ? commit : odd(random));
        // Never a real name where something would be changed or removed: only odd segments.
        for (String placeholder : List.of("{id}", "{name}", "{file}", "{username}", "{version}", "{other}")) {
            path = path.replace(placeholder, odd(random));
        }
        return path;
    }

    private static String odd(Random random) {
        return ODD_SEGMENTS.get(random.nextInt(ODD_SEGMENTS.size()));
    }

    private static String query(Random random) {
        int count = random.nextInt(4);
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String name = QUERY_NAMES.get(random.nextInt(QUERY_NAMES.size()));
            String value = VALUES.get(random.nextInt(VALUES.size()));
            if (name.equals("project") && random.nextBoolean()) {
                value = project;
            }
            query.append(i == 0 ? '?' : '&').append(name).append('=').append(value.contains("%") ? value
                    : URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    private static String body(Random random) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return JSON_VALUES.get(random.nextInt(JSON_VALUES.size()));
        }
        if (kind == 1) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        StringBuilder json = new StringBuilder("{");
        int fields = 1 + random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            String field = FIELDS.get(random.nextInt(FIELDS.size()));
            String value = field.equals("project") && random.nextBoolean() ? "\"" + project + "\""
                    : field.equals("commit") && random.nextBoolean() ? "\"" + commit + "\""
                    : JSON_VALUES.get(random.nextInt(JSON_VALUES.size()));
            json.append(i == 0 ? "" : ",").append('"').append(field).append("\":").append(value);
        }
        return json.append('}').toString();
    }

    private static HttpResponse<String> send(String method, String path, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(SharedServer.server().uri("") + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static java.util.Optional<String> check(String what, HttpResponse<String> answer) {
        int status = answer.statusCode();
        String body = answer.body();
        String reply = what + " -> " + status + " " + shortened(body);
        JsonObject error = null;
        if (status >= 400 && !isApi(answer.uri().getRawPath())) {
            // An encoded slash and dot segments led out of /api: the console's error page answers.
            return body.contains("class=\"card narrow\"") ? java.util.Optional.empty()
                    : java.util.Optional.of("not the console's error page: " + reply);
        }
        if (status >= 400) {
            try {
                error = Json.createReader(new StringReader(body)).readObject();
            } catch (RuntimeException e) {
                return java.util.Optional.of("not JSON: " + reply);
            }
            if (!isText(error, "error") || !isText(error, "message")) {
                return java.util.Optional.of("not the error shape: " + reply);
            }
        }
        if (status >= 500 && !(status == 502 && "plugin-failed".equals(error.getString("error")))) {
            return java.util.Optional.of("a server error: " + reply);
        }
        if (body.contains("at java.") || body.contains("at org.") || body.contains("Exception")) {
            return java.util.Optional.of("a stack trace or exception name: " + reply);
        }
        return java.util.Optional.empty();
    }

    /** Whether the path is in the API once the server has resolved its dot segments and encoded slashes. */
    private static boolean isApi(String rawPath) {
        String resolved = URI.create(rawPath.replaceAll("(?i)%2e", ".").replaceAll("(?i)%2f", "/")).normalize()
                .getPath();
        // Everything under /api has the API's error shape, the paths of /api/v1 and those next to it alike.
        return resolved.startsWith("/api/") || resolved.equals("/api");
    }

    private static boolean isText(JsonObject object, String key) {
        return object.containsKey(key) && object.get(key).getValueType() == JsonValue.ValueType.STRING;
    }

    private static String shortened(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }
}
