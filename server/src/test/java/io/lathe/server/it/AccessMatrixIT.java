package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.server.auth.Access.Rule;
import io.lathe.server.auth.ApiEndpoints;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Walks every endpoint of the API, and every page of the console, with every kind of caller and checks each answer
 * against the rule written here, independently of the code's annotations. An endpoint or page missing from these
 * tables fails the test: a new one cannot ship without someone deciding who may call it.
 */
@ExtendWith(SharedServer.class)
class AccessMatrixIT {

    /**
     * Kinds of callers. The last four held good credentials that were taken away before the test: an admin disabled,
     * an admin demoted (their token and console session from before), a token past its expiry, a revoked token.
     * Each must be refused everywhere as if it had no credentials at all.
     */
    enum Who { ANONYMOUS, STRANGER, READER, WRITER, OWNER, ADMIN, DISABLED, DEMOTED, EXPIRED, REVOKED }

    /** Callers whose credentials were taken away. */
    private static final Set<Who> CUT_OFF = Set.of(Who.DISABLED, Who.DEMOTED, Who.EXPIRED, Who.REVOKED);

    private record Case(String method, String template, Rule rule, Function<Who, String> path, String body) {
    }

    /** A console page: its form's fields for a POST (null: a raw body, as a page's script uploads). */
    private record PageCase(String method, String template, Rule rule, Function<Who, String> path,
            Map<String, String> form) {
    }

    private static final Map<Who, Api> CALLERS = new LinkedHashMap<>();
    private static final Map<Who, String> TOKEN_IDS = new LinkedHashMap<>();
    private static final Map<Who, String> NAMES = new LinkedHashMap<>();
    /** Console sessions started before their user was disabled or demoted. */
    private static final Map<Who, ConsoleClient> CUT_OFF_SESSIONS = new LinkedHashMap<>();
    private static Api admin;
    private static String project;
    private static String commit;
    private static String execution;
    private static String datum;
    private static String spare;
    private static String task;
    private static int executionCounter;
    private static int taskCounter;
    private static java.nio.file.Path siteFolder;

    @BeforeAll
    static void world() throws Exception {
        LatheServer server = SharedServer.server();
        admin = SharedServer.admin();
        Map<Who, String> names = NAMES;
        for (Who who : List.of(Who.STRANGER, Who.READER, Who.WRITER, Who.OWNER)) {
            names.put(who, Callers.createUser(admin, who.name().toLowerCase(), "user"));
            CALLERS.put(who, Callers.signIn(server, names.get(who)));
        }
        CALLERS.put(Who.ANONYMOUS, new Api(server, null));
        CALLERS.put(Who.ADMIN, admin);
        spare = Callers.createUser(admin, "spare", "user");

        Api owner = CALLERS.get(Who.OWNER);
        project = Projects.create(owner, "matrix");
        commit = Projects.commit(owner, project, Projects.quickstart());
        execution = owner.postJson("/api/v1/executions", "{\"project\":\"" + project + "\",\"commit\":\"" + commit
                + "\",\"step\":\"prepare-data\"}").json().getString("id");
        jakarta.json.JsonObject ended = owner.awaitEnd(execution);
        datum = ended.getJsonArray("outputs").getJsonObject(0).getString("datum");
        executionCounter = ended.getInt("counter");
        for (String[] kind : new String[][] {{"data-stores", "local", "{\"root\":\"/tmp/lathe-it-matrix-store\"}"},
                {"environments", "local", "{}"},
                {"notification-channels", "webhook", "{\"url\":\"https://example.com/h\"}"}}) {
            assertEquals(201, admin.postJson("/api/v1/admin/" + kind[0], "{\"name\":\"matrix\",\"factory\":\""
                    + kind[1] + "\",\"settings\":" + kind[2] + "}").status());
        }
        // A channel that delivers without leaving this machine, for the test-delivery endpoint.
        assertEquals(201, admin.postJson("/api/v1/admin/notification-channels", "{\"name\":\"matrix-test\","
                + "\"factory\":\"" + MisbehavingPlugins.FACTORY + "\",\"settings\":{\"behaviour\":\"fine\"}}")
                .status());
        Api.Answer started = owner.postJson("/api/v1/tasks", "{\"project\":\"" + project + "\",\"commit\":\""
                + commit + "\",\"step\":\"prepare-data\",\"type\":\"manual\",\"parameter_sets\":[{\"samples\":10}]}");
        assertEquals(201, started.status(), started.body());
        task = started.json().getString("id");
        taskCounter = started.json().getInt("counter");
        siteFolder = java.nio.file.Files.createTempDirectory("lathe-it-matrix-site-");
        java.nio.file.Files.writeString(siteFolder.resolve("plugins.json"), "[]");
        assertEquals(201, addSite(admin, "matrix-site").status());
        Api.Answer plugin = admin.postBytes("/api/v1/admin/plugins",
                TestPlugins.jar(TestPlugins.plugin("matrix-plugin", "1.0.0")), "application/java-archive");
        assertEquals(201, plugin.status(), plugin.body());
        put(owner, "/api/v1/projects/" + project + "/datum-aliases/matrix-alias", "{\"datum\":\"" + datum + "\"}");
        assertEquals(201, owner.postJson("/api/v1/projects/" + project + "/datasets/matrix/versions",
                "{\"version\":\"v1\",\"files\":[\"" + datum + "\"]}").status());
        assertEquals(201, owner.postJson("/api/v1/projects/" + project + "/models/matrix/versions",
                "{\"files\":[\"" + datum + "\"]}").status());
        put(owner, "/api/v1/projects/" + project + "/members/" + names.get(Who.READER), "{\"access\":\"read\"}");
        put(owner, "/api/v1/projects/" + project + "/members/" + names.get(Who.WRITER), "{\"access\":\"write\"}");
        for (Who who : List.of(Who.STRANGER, Who.READER, Who.WRITER, Who.OWNER, Who.ADMIN)) {
            TOKEN_IDS.put(who, CALLERS.get(who).postJson("/api/v1/tokens", "{\"name\":\"spare\"}").json()
                    .getString("id"));
        }
        cutOff(server);
    }

    /** Callers that could do everything (admins) or something, whose credentials are then taken away. */
    private static void cutOff(LatheServer server) throws InterruptedException {
        for (Who who : List.of(Who.DISABLED, Who.DEMOTED)) {
            String name = Callers.createUser(admin, who.name().toLowerCase(), "admin");
            NAMES.put(who, name);
            CALLERS.put(who, Callers.signIn(server, name));
            CUT_OFF_SESSIONS.put(who, ConsoleClient.signIn(server, name, Callers.PASSWORD));
            assertEquals(200, CUT_OFF_SESSIONS.get(who).get("/admin/users").status(), "an admin before");
        }
        Api expiring = Callers.signIn(server, Callers.createUser(admin, "expired", "user"));
        java.time.Instant expiry = java.time.Instant.ofEpochSecond(java.time.Instant.now().getEpochSecond() + 3);
        Api.Answer shortLived = expiring.postJson("/api/v1/tokens", "{\"name\":\"brief\",\"expires\":\"" + expiry
                + "\"}");
        assertEquals(201, shortLived.status(), shortLived.body());
        CALLERS.put(Who.EXPIRED, new Api(server, shortLived.json().getString("token")));
        Api revoked = Callers.signIn(server, Callers.createUser(admin, "revoked", "user"));
        Api.Answer token = revoked.postJson("/api/v1/tokens", "{\"name\":\"revoked\"}");
        CALLERS.put(Who.REVOKED, new Api(server, token.json().getString("token")));
        assertEquals(200, CALLERS.get(Who.REVOKED).get("/api/v1/me").status());
        assertEquals(204, revoked.send("DELETE", "/api/v1/tokens/" + token.json().getString("id"), null).status());

        assertEquals(200, admin.send("PATCH", "/api/v1/admin/users/" + NAMES.get(Who.DISABLED),
                "{\"disabled\":true}").status());
        assertEquals(200, admin.send("PATCH", "/api/v1/admin/users/" + NAMES.get(Who.DEMOTED),
                "{\"role\":\"user\"}").status());
        long wait = expiry.toEpochMilli() - System.currentTimeMillis() + 50;
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    private static List<Case> cases() {
        String p = "/api/v1/projects/" + project;
        String e = "/api/v1/executions/" + execution;
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("POST", "/api/v1/auth/token", Rule.PUBLIC, w -> "/api/v1/auth/token",
                "{\"username\":\"" + spare + "\",\"password\":\"" + Callers.PASSWORD + "\",\"name\":\"m\"}"));
        cases.add(new Case("GET", "/api/v1/me", Rule.AUTHENTICATED, w -> "/api/v1/me", null));
        cases.add(new Case("GET", "/api/v1/tokens", Rule.AUTHENTICATED, w -> "/api/v1/tokens", null));
        cases.add(new Case("POST", "/api/v1/tokens", Rule.AUTHENTICATED, w -> "/api/v1/tokens", "{\"name\":\"m\"}"));
        cases.add(new Case("DELETE", "/api/v1/tokens/{id}", Rule.AUTHENTICATED,
                w -> "/api/v1/tokens/" + TOKEN_IDS.getOrDefault(w, execution), null));
        cases.add(new Case("GET", "/api/v1/plugins", Rule.AUTHENTICATED, w -> "/api/v1/plugins", null));
        cases.add(new Case("GET", "/api/v1/admin/users", Rule.ADMIN, w -> "/api/v1/admin/users", null));
        cases.add(new Case("POST", "/api/v1/admin/users", Rule.ADMIN, w -> "/api/v1/admin/users", "{}"));
        cases.add(new Case("PATCH", "/api/v1/admin/users/{username}", Rule.ADMIN,
                w -> "/api/v1/admin/users/" + spare, "{}"));
        cases.add(new Case("GET", "/api/v1/admin/audit", Rule.ADMIN, w -> "/api/v1/admin/audit", null));
        cases.add(new Case("GET", "/api/v1/admin/plugins", Rule.ADMIN, w -> "/api/v1/admin/plugins", null));
        cases.add(new Case("POST", "/api/v1/admin/plugins", Rule.ADMIN, w -> "/api/v1/admin/plugins", ""));
        cases.add(new Case("GET", "/api/v1/admin/plugins/{id}", Rule.ADMIN,
                w -> "/api/v1/admin/plugins/matrix-plugin", null));
        cases.add(new Case("POST", "/api/v1/admin/notification-channels/{name}/test", Rule.ADMIN,
                w -> "/api/v1/admin/notification-channels/matrix-test/test", ""));
        cases.add(new Case("POST", "/api/v1/admin/plugins/install", Rule.ADMIN,
                w -> "/api/v1/admin/plugins/install", "{}"));
        cases.add(new Case("DELETE", "/api/v1/admin/plugins/files/{file}", Rule.ADMIN,
                w -> "/api/v1/admin/plugins/files/" + BrokenPlugins.MATRIX_FILE, null));
        cases.add(new Case("GET", "/api/v1/admin/update-sites", Rule.ADMIN, w -> "/api/v1/admin/update-sites", null));
        cases.add(new Case("POST", "/api/v1/admin/update-sites", Rule.ADMIN, w -> "/api/v1/admin/update-sites",
                "{}"));
        cases.add(new Case("GET", "/api/v1/admin/update-sites/{id}", Rule.ADMIN,
                w -> "/api/v1/admin/update-sites/matrix-site", null));
        cases.add(new Case("DELETE", "/api/v1/admin/update-sites/{id}", Rule.ADMIN, w -> {
            if (w == Who.ADMIN) {
                addSite(admin, "matrix-doomed-site");
            }
            return "/api/v1/admin/update-sites/matrix-doomed-site";
        }, null));
        cases.add(new Case("POST", "/api/v1/admin/plugins/{id}/disable", Rule.ADMIN,
                w -> "/api/v1/admin/plugins/matrix-plugin/disable", ""));
        cases.add(new Case("POST", "/api/v1/admin/plugins/{id}/enable", Rule.ADMIN,
                w -> "/api/v1/admin/plugins/matrix-plugin/enable", ""));
        cases.add(new Case("DELETE", "/api/v1/admin/plugins/{id}", Rule.ADMIN, w -> {
            if (w == Who.ADMIN) {
                admin.postBytes("/api/v1/admin/plugins", TestPlugins.jar(TestPlugins.plugin("matrix-doomed", "1.0.0")),
                        "application/java-archive");
            }
            return "/api/v1/admin/plugins/matrix-doomed";
        }, null));
        cases.add(new Case("GET", "/api/v1/projects", Rule.AUTHENTICATED, w -> "/api/v1/projects", null));
        cases.add(new Case("POST", "/api/v1/projects", Rule.AUTHENTICATED, w -> "/api/v1/projects", "{}"));
        cases.add(new Case("GET", "/api/v1/projects/{id}", Rule.PROJECT_READ, w -> p, null));
        cases.add(new Case("PATCH", "/api/v1/projects/{id}", Rule.PROJECT_OWNER, w -> p, "{}"));
        cases.add(new Case("GET", "/api/v1/projects/{id}/members", Rule.PROJECT_READ, w -> p + "/members", null));
        cases.add(new Case("PUT", "/api/v1/projects/{id}/members/{username}", Rule.PROJECT_OWNER,
                w -> p + "/members/" + spare, "{\"access\":\"read\"}"));
        cases.add(new Case("DELETE", "/api/v1/projects/{id}/members/{username}", Rule.PROJECT_OWNER,
                w -> {
                    put(admin, p + "/members/" + spare, "{\"access\":\"read\"}");
                    return p + "/members/" + spare;
                }, null));
        cases.add(new Case("GET", "/api/v1/projects/{id}/environment-variables", Rule.PROJECT_READ,
                w -> p + "/environment-variables", null));
        cases.add(new Case("PUT", "/api/v1/projects/{id}/environment-variables/{name}", Rule.PROJECT_WRITE,
                w -> p + "/environment-variables/MATRIX", "{\"value\":\"x\"}"));
        cases.add(new Case("DELETE", "/api/v1/projects/{id}/environment-variables/{name}", Rule.PROJECT_WRITE,
                w -> {
                    put(admin, p + "/environment-variables/DOOMED", "{\"value\":\"x\"}");
                    return p + "/environment-variables/DOOMED";
                }, null));
        cases.add(new Case("GET", "/api/v1/projects/{project}/commits", Rule.PROJECT_READ, w -> p + "/commits", null));
        cases.add(new Case("POST", "/api/v1/projects/{project}/commits", Rule.PROJECT_WRITE, w -> p + "/commits", ""));
        cases.add(new Case("GET", "/api/v1/projects/{project}/commits/{commit}", Rule.PROJECT_READ,
                w -> p + "/commits/" + commit, null));
        // The project is in the body, so the service checks it: a valid body makes that check the one that answers.
        cases.add(new Case("POST", "/api/v1/executions", Rule.PROJECT_WRITE, w -> "/api/v1/executions",
                "{\"project\":\"" + project + "\",\"commit\":\"" + commit + "\",\"step\":\"prepare-data\","
                        + "\"parameters\":{\"samples\":10}}"));
        cases.add(new Case("GET", "/api/v1/executions", Rule.PROJECT_READ,
                w -> "/api/v1/executions?project=" + project, null));
        cases.add(new Case("GET", "/api/v1/executions/{id}", Rule.PROJECT_READ, w -> e, null));
        cases.add(new Case("POST", "/api/v1/executions/{id}/stop", Rule.PROJECT_WRITE, w -> e + "/stop", ""));
        cases.add(new Case("POST", "/api/v1/executions/{id}/copy", Rule.PROJECT_WRITE, w -> e + "/copy", ""));
        cases.add(new Case("GET", "/api/v1/executions/{id}/logs", Rule.PROJECT_READ, w -> e + "/logs", null));
        cases.add(new Case("GET", "/api/v1/executions/{id}/logs/stream", Rule.PROJECT_READ,
                w -> e + "/logs/stream", null));
        cases.add(new Case("GET", "/api/v1/executions/{id}/metadata", Rule.PROJECT_READ, w -> e + "/metadata", null));
        cases.add(new Case("GET", "/api/v1/executions/{id}/metadata/series", Rule.PROJECT_READ,
                w -> e + "/metadata/series", null));
        cases.add(new Case("GET", "/api/v1/datums/{id}", Rule.PROJECT_READ, w -> "/api/v1/datums/" + datum, null));
        cases.add(new Case("GET", "/api/v1/datums/{id}/download", Rule.PROJECT_READ,
                w -> "/api/v1/datums/" + datum + "/download", null));
        cases.add(new Case("GET", "/api/v1/datums", Rule.PROJECT_READ, w -> "/api/v1/datums?project=" + project,
                null));
        cases.add(new Case("POST", "/api/v1/datums", Rule.PROJECT_WRITE,
                w -> "/api/v1/datums?project=" + project + "&name=matrix.txt", "x"));
        cases.add(new Case("DELETE", "/api/v1/datums/{id}", Rule.PROJECT_WRITE,
                w -> "/api/v1/datums/" + admin.postBytes("/api/v1/datums?project=" + project + "&name=doomed.txt",
                        new byte[] {1}, "text/plain").json().getString("id"), null));
        cases.add(new Case("GET", "/api/v1/datums/{id}/download-url", Rule.PROJECT_READ,
                w -> "/api/v1/datums/" + datum + "/download-url", null));
        cases.add(new Case("GET", "/api/v1/datums/{id}/lineage", Rule.PROJECT_READ,
                w -> "/api/v1/datums/" + datum + "/lineage", null));
        cases.add(new Case("GET", "/api/v1/projects/{id}/datum-aliases/{name}", Rule.PROJECT_READ,
                w -> p + "/datum-aliases/matrix-alias", null));
        // One resource serves the instances of every point, at the path its descriptor names: each path is a case.
        String instances = "/api/v1/admin/{instances}";
        for (String kind : List.of("data-stores", "environments", "notification-channels")) {
            String base = "/api/v1/admin/" + kind;
            String factory = kind.equals("data-stores") || kind.equals("environments") ? "local" : "webhook";
            String settings = kind.equals("notification-channels") ? "{\"url\":\"https://example.com/h\"}"
                    : kind.equals("data-stores") ? "{\"root\":\"/tmp/lathe-it-matrix-store\"}" : "{}";
            cases.add(new Case("GET", instances, Rule.ADMIN, w -> base, null));
            cases.add(new Case("POST", instances, Rule.ADMIN, w -> base, "{\"name\":\"m-" + kind
                    + "\",\"factory\":\"" + factory + "\",\"settings\":" + settings + "}"));
            cases.add(new Case("GET", instances + "/{name}", Rule.ADMIN, w -> base + "/matrix", null));
            cases.add(new Case("PUT", instances + "/{name}", Rule.ADMIN, w -> base + "/matrix",
                    "{\"settings\":" + settings + "}"));
            cases.add(new Case("DELETE", instances + "/{name}", Rule.ADMIN, w -> {
                String name = "doomed-" + w.name().toLowerCase();
                admin.postJson(base, "{\"name\":\"" + name + "\",\"factory\":\"" + factory + "\",\"settings\":"
                        + settings + "}");
                return base + "/" + name;
            }, null));
        }
        cases.add(new Case("POST", "/api/v1/tasks", Rule.PROJECT_WRITE, w -> "/api/v1/tasks", "{\"project\":\""
                + project + "\",\"commit\":\"" + commit + "\",\"step\":\"prepare-data\",\"type\":\"manual\","
                + "\"parameter_sets\":[{\"samples\":10}]}"));
        cases.add(new Case("GET", "/api/v1/tasks", Rule.PROJECT_READ, w -> "/api/v1/tasks?project=" + project, null));
        cases.add(new Case("GET", "/api/v1/tasks/{id}", Rule.PROJECT_READ, w -> "/api/v1/tasks/" + task, null));
        cases.add(new Case("POST", "/api/v1/tasks/{id}/stop", Rule.PROJECT_WRITE,
                w -> "/api/v1/tasks/" + task + "/stop", ""));
        cases.add(new Case("GET", "/api/v1/projects/{id}/datasets", Rule.PROJECT_READ, w -> p + "/datasets", null));
        cases.add(new Case("GET", "/api/v1/projects/{id}/datasets/{name}", Rule.PROJECT_READ,
                w -> p + "/datasets/matrix", null));
        cases.add(new Case("POST", "/api/v1/projects/{id}/datasets/{name}/versions", Rule.PROJECT_WRITE,
                w -> p + "/datasets/matrix/versions", "{\"version\":\"v-new\",\"files\":[\"" + datum
                        + "\"]}"));
        cases.add(new Case("GET", "/api/v1/projects/{id}/datasets/{name}/versions/{version}", Rule.PROJECT_READ,
                w -> p + "/datasets/matrix/versions/v1", null));
        cases.add(new Case("GET", "/api/v1/projects/{id}/models", Rule.PROJECT_READ, w -> p + "/models", null));
        cases.add(new Case("GET", "/api/v1/projects/{id}/models/{name}", Rule.PROJECT_READ,
                w -> p + "/models/matrix", null));
        cases.add(new Case("POST", "/api/v1/projects/{id}/models/{name}/versions", Rule.PROJECT_WRITE,
                w -> p + "/models/matrix/versions", "{\"files\":[\"" + datum + "\"]}"));
        cases.add(new Case("GET", "/api/v1/projects/{id}/models/{name}/versions/{version}", Rule.PROJECT_READ,
                w -> p + "/models/matrix/versions/1", null));
        cases.add(new Case("POST", "/api/v1/projects/{id}/models/{name}/versions/{number}/approve",
                Rule.PROJECT_OWNER, w -> p + "/models/matrix/versions/1/approve", "{}"));
        cases.add(new Case("POST", "/api/v1/projects/{id}/models/{name}/versions/{number}/reject",
                Rule.PROJECT_OWNER, w -> p + "/models/matrix/versions/1/reject", "{}"));
        cases.add(new Case("PUT", "/api/v1/projects/{id}/datum-aliases/{name}", Rule.PROJECT_WRITE,
                w -> p + "/datum-aliases/matrix-alias", "{\"datum\":\"" + datum + "\"}"));
        return cases;
    }

    @Test
    void everyEndpointOfTheApiIsInThisTable() {
        Set<String> declared = ApiEndpoints.all().stream().map(ApiEndpoints.Endpoint::key)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = cases().stream().map(c -> c.method() + " " + c.template())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declared, covered, "an endpoint without a row here has no decided access rule");
    }

    @Test
    void everyCallerGetsWhatTheRuleAllowsAndNothingMore() {
        List<String> wrong = new ArrayList<>();
        for (Case c : cases()) {
            for (Who who : Who.values()) {
                Api.Answer answer = CALLERS.get(who).send(c.method(), c.path().apply(who), c.body());
                if (CUT_OFF.contains(who) && c.rule() != Rule.PUBLIC && answer.status() == 401
                        && !"unauthorized".equals(answer.json().getString("error", null))) {
                    wrong.add(c.method() + " " + c.template() + " as " + who + ": refused, but not for having no "
                            + "valid credentials: " + answer.body());
                }
                int expected = expected(c.rule(), who);
                boolean ok = expected == 0 ? !Set.of(401, 403, 404).contains(answer.status())
                        : answer.status() == expected;
                if (!ok || answer.status() >= 500) {
                    wrong.add(c.method() + " " + c.template() + " as " + who + ": expected "
                            + (expected == 0 ? "access" : expected) + ", got " + answer.status() + " " + answer.body());
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    private static List<PageCase> pageCases() {
        String p = "/projects/" + project;
        List<PageCase> cases = new ArrayList<>();
        cases.add(new PageCase("GET", "/", Rule.PUBLIC, w -> "/", null));
        cases.add(new PageCase("GET", "/sign-in", Rule.PUBLIC, w -> "/sign-in", null));
        cases.add(new PageCase("POST", "/sign-in", Rule.PUBLIC, w -> "/sign-in",
                Map.of("username", spare, "password", "not the password")));
        cases.add(new PageCase("GET", "/projects", Rule.AUTHENTICATED, w -> "/projects", null));
        cases.add(new PageCase("POST", "/projects", Rule.AUTHENTICATED, w -> "/projects", Map.of("name", "")));
        cases.add(new PageCase("GET", "/projects/{project}", Rule.PROJECT_READ, w -> p, null));
        cases.add(new PageCase("POST", "/projects/{project}/members", Rule.PROJECT_OWNER, w -> p + "/members",
                Map.of("username", spare, "access", "none-such")));
        cases.add(new PageCase("GET", "/projects/{project}/commits", Rule.PROJECT_READ, w -> p + "/commits", null));
        cases.add(new PageCase("POST", "/projects/{project}/commits", Rule.PROJECT_WRITE, w -> p + "/commits", null));
        cases.add(new PageCase("GET", "/projects/{project}/compare", Rule.PROJECT_READ,
                w -> p + "/compare?counter=" + executionCounter, null));
        cases.add(new PageCase("GET", "/projects/{project}/executions/new", Rule.PROJECT_WRITE,
                w -> p + "/executions/new", null));
        cases.add(new PageCase("POST", "/projects/{project}/executions/new", Rule.PROJECT_WRITE,
                w -> p + "/executions/new", Map.of("commit", "", "step", "prepare-data")));
        cases.add(new PageCase("GET", "/projects/{project}/executions/{counter}", Rule.PROJECT_READ,
                w -> p + "/executions/" + executionCounter, null));
        cases.add(new PageCase("GET", "/projects/{project}/data", Rule.PROJECT_READ, w -> p + "/data", null));
        cases.add(new PageCase("GET", "/projects/{project}/data/{datum}", Rule.PROJECT_READ,
                w -> p + "/data/" + datum, null));
        cases.add(new PageCase("POST", "/projects/{project}/data/{datum}", Rule.PROJECT_WRITE,
                w -> p + "/data/" + datum, Map.of("action", "none-such")));
        cases.add(new PageCase("GET", "/projects/{project}/tasks", Rule.PROJECT_READ, w -> p + "/tasks", null));
        cases.add(new PageCase("GET", "/projects/{project}/tasks/new", Rule.PROJECT_READ, w -> p + "/tasks/new",
                null));
        cases.add(new PageCase("POST", "/projects/{project}/tasks/new", Rule.PROJECT_WRITE, w -> p + "/tasks/new",
                Map.of("commit", commit, "step", "prepare-data", "type", "grid", "parameters", "{not json")));
        cases.add(new PageCase("GET", "/projects/{project}/tasks/{counter}", Rule.PROJECT_READ,
                w -> p + "/tasks/" + taskCounter, null));
        cases.add(new PageCase("POST", "/projects/{project}/tasks/{counter}", Rule.PROJECT_WRITE,
                w -> p + "/tasks/" + taskCounter, Map.of()));
        cases.add(new PageCase("GET", "/projects/{project}/datasets", Rule.PROJECT_READ, w -> p + "/datasets", null));
        cases.add(new PageCase("GET", "/projects/{project}/datasets/{name}", Rule.PROJECT_READ,
                w -> p + "/datasets/matrix", null));
        cases.add(new PageCase("GET", "/projects/{project}/datasets/{name}/{version}", Rule.PROJECT_READ,
                w -> p + "/datasets/matrix/v1", null));
        cases.add(new PageCase("GET", "/projects/{project}/models", Rule.PROJECT_READ, w -> p + "/models", null));
        cases.add(new PageCase("GET", "/projects/{project}/models/{name}", Rule.PROJECT_READ,
                w -> p + "/models/matrix", null));
        cases.add(new PageCase("GET", "/projects/{project}/models/{name}/{version}", Rule.PROJECT_READ,
                w -> p + "/models/matrix/1", null));
        cases.add(new PageCase("POST", "/projects/{project}/models/{name}/{version}", Rule.PROJECT_OWNER,
                w -> p + "/models/matrix/1", Map.of("decision", "none-such")));
        cases.add(new PageCase("GET", "/tokens", Rule.AUTHENTICATED, w -> "/tokens", null));
        cases.add(new PageCase("POST", "/tokens", Rule.AUTHENTICATED, w -> "/tokens", Map.of("name", "")));
        cases.add(new PageCase("GET", "/admin/users", Rule.ADMIN, w -> "/admin/users", null));
        cases.add(new PageCase("POST", "/admin/users", Rule.ADMIN, w -> "/admin/users", Map.of("action", "none")));
        cases.add(new PageCase("GET", "/admin/system", Rule.ADMIN, w -> "/admin/system", null));
        cases.add(new PageCase("GET", "/admin/plugins", Rule.ADMIN, w -> "/admin/plugins", null));
        cases.add(new PageCase("POST", "/admin/plugins", Rule.ADMIN, w -> "/admin/plugins",
                Map.of("action", "none-such")));
        for (String kind : List.of("data-stores", "environments", "notification-channels")) {
            Map<String, String> same = kind.equals("data-stores") ? Map.of("setting.root", "/tmp/lathe-it-matrix-store")
                    : kind.equals("environments") ? Map.of() : Map.of("setting.url", "https://example.com/h");
            cases.add(new PageCase("GET", "/admin/{kind}", Rule.ADMIN, w -> "/admin/" + kind, null));
            cases.add(new PageCase("POST", "/admin/{kind}", Rule.ADMIN, w -> "/admin/" + kind,
                    Map.of("name", "Not A Name", "factory", "local")));
            cases.add(new PageCase("GET", "/admin/{kind}/{name}", Rule.ADMIN, w -> "/admin/" + kind + "/matrix",
                    null));
            cases.add(new PageCase("POST", "/admin/{kind}/{name}", Rule.ADMIN, w -> "/admin/" + kind + "/matrix",
                    same));
        }
        // Last: it ends the session.
        cases.add(new PageCase("POST", "/sign-out", Rule.AUTHENTICATED, w -> "/sign-out", Map.of()));
        return cases;
    }

    @Test
    void everyPageOfTheConsoleIsInThisTable() {
        Set<String> declared = io.lathe.server.console.ConsoleRoutes.all().stream()
                .map(io.lathe.server.console.ConsoleRoutes.Route::key).collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = pageCases().stream().map(c -> c.method() + " " + c.template())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declared, covered, "a console page without a row here has no decided access rule");
    }

    /**
     * The console follows the API's rules: a stranger to a project finds none of its pages, a reader cannot post
     * its forms, only admins open the admin pages; anyone not signed in is sent to sign in.
     */
    @Test
    void everyVisitorOfTheConsoleGetsWhatTheRuleAllowsAndNothingMore() throws Exception {
        LatheServer server = SharedServer.server();
        Map<Who, ConsoleClient> visitors = new LinkedHashMap<>();
        visitors.put(Who.ANONYMOUS, ConsoleClient.anonymous(server));
        for (Who who : List.of(Who.STRANGER, Who.READER, Who.WRITER, Who.OWNER)) {
            visitors.put(who, ConsoleClient.signIn(server, NAMES.get(who), Callers.PASSWORD));
        }
        visitors.put(Who.ADMIN, ConsoleClient.signIn(server, "admin",
                java.nio.file.Files.readString(server.home().resolve("secrets/initial-admin-password")).trim()));
        // Sessions of admins disabled or demoted since they signed in: they end at the next request.
        visitors.putAll(CUT_OFF_SESSIONS);
        List<String> wrong = new ArrayList<>();
        for (PageCase c : pageCases()) {
            for (Who who : visitors.keySet()) {
                ConsoleClient visitor = visitors.get(who);
                String path = c.path().apply(who);
                Api.Answer answer = c.method().equals("GET") ? visitor.get(path)
                        : c.form() == null ? visitor.postRaw(path, new byte[0], "application/gzip")
                        : visitor.post(path, c.form());
                String location = answer.header("Location");
                boolean sentToSignIn = answer.status() == 302 && location != null
                        && location.contains("/sign-in?next=");
                boolean ok;
                if (c.rule() == Rule.PUBLIC || (who != Who.ANONYMOUS && expected(c.rule(), who) == 0)) {
                    ok = !sentToSignIn && !Set.of(403, 404).contains(answer.status());
                } else if (who == Who.ANONYMOUS || CUT_OFF.contains(who)) {
                    ok = sentToSignIn;
                } else {
                    ok = answer.status() == expected(c.rule(), who);
                }
                if (!ok || answer.status() >= 500) {
                    wrong.add(c.method() + " " + c.template() + " as " + who + ": expected "
                            + ((who == Who.ANONYMOUS || CUT_OFF.contains(who)) && c.rule() != Rule.PUBLIC ? "sign-in"
                            : c.rule() == Rule.PUBLIC || expected(c.rule(), who) == 0 ? "access"
                            : expected(c.rule(), who)) + ", got " + answer.status() + " " + location);
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** 0 means "let through" (any answer but 401, 403, 404); otherwise the status that must come back. */
    private static int expected(Rule rule, Who who) {
        if (rule == Rule.PUBLIC) {
            return 0;
        }
        if (who == Who.ANONYMOUS || CUT_OFF.contains(who)) {
            return 401;
        }
        if (who == Who.ADMIN || rule == Rule.AUTHENTICATED) {
            return 0;
        }
        if (rule == Rule.ADMIN) {
            return 403;
        }
        if (who == Who.STRANGER) {
            return 404;
        }
        int rank = List.of(Who.READER, Who.WRITER, Who.OWNER).indexOf(who);
        int needed = List.of(Rule.PROJECT_READ, Rule.PROJECT_WRITE, Rule.PROJECT_OWNER).indexOf(rule);
        return rank >= needed ? 0 : 403;
    }

    /** The CSRF token counts only in a header or the form's body: one in the query string is refused. */
    @Test
    void aFormWhoseCsrfTokenIsInTheQueryStringIsRefused() {
        ConsoleClient owner = ConsoleClient.signIn(SharedServer.server(), NAMES.get(Who.OWNER), Callers.PASSWORD);
        Api.Answer refused = owner.postWithCsrfInQuery("/tokens", Map.of("name", "from-a-link"));
        assertEquals(403, refused.status(), refused.body());
        assertTrue(owner.post("/tokens", Map.of("name", "from-the-form")).status() < 400, "the form itself posts");
        String tokens = CALLERS.get(Who.OWNER).get("/api/v1/tokens").body();
        assertTrue(!tokens.contains("from-a-link") && tokens.contains("from-the-form"), tokens);
    }

    private static void put(Api api, String path, String body) {
        Api.Answer answer = api.send("PUT", path, body);
        assertEquals(200, answer.status(), answer.body());
    }

    private static Api.Answer addSite(Api admin, String id) {
        return admin.postJson("/api/v1/admin/update-sites", "{\"id\":\"" + id + "\",\"url\":\""
                + siteFolder.toUri() + "\"}");
    }
}
