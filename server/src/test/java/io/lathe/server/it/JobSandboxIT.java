package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user's step, run by the default {@code local} environment, attacks the server it runs on: each attempt must fail,
 * while a normal step still does everything the runtime contract promises. Needs bubblewrap (CI installs it).
 */
@ExtendWith(SharedServer.class)
class JobSandboxIT {

    private static LatheServer server;
    private static Api admin;
    private static Api user;

    @BeforeAll
    static void users() throws Exception {
        server = SharedServer.server();
        admin = SharedServer.admin();
        user = Callers.signIn(server, Callers.createUser(admin, "sandboxed", "user"));
    }

    @Test
    void aUsersStepCannotReachTheServersKeysDatabaseOtherProjectsDataProcessesOrPlugins() throws Exception {
        String adminProject = Projects.create(admin, "sandbox-victim");
        // A secret variable makes the master key; an upload is a datum of a project the user may not read.
        assertEquals(200, admin.send("PUT", "/api/v1/projects/" + adminProject + "/environment-variables/TOKEN",
                "{\"value\":\"victim secret\",\"secret\":true}").status());
        Api.Answer upload = admin.postBytes("/api/v1/datums?project=" + adminProject + "&name=private.csv",
                "private,data\n".getBytes(StandardCharsets.UTF_8), "text/csv");
        assertEquals(201, upload.status(), upload.body());
        Path home = server.home();
        Map<String, Path> targets = new LinkedHashMap<>();
        targets.put("master-key", home.resolve("secrets/master.key"));
        targets.put("database", home.resolve("db/lathe.mv.db"));
        targets.put("other-project-datum", home.resolve("data/projects/" + adminProject + "/datums/"
                + upload.json().getString("id")));
        targets.put("server-environ", Path.of("/proc/" + server.pid() + "/environ"));
        for (Map.Entry<String, Path> target : targets.entrySet()) {
            assertTrue(Files.isReadable(target.getValue()), "the attack is real: " + target.getValue() + " exists");
        }
        Path plugins = home.resolve("plugins");
        List<String> commands = new ArrayList<>();
        targets.forEach((label, path) -> commands.add("if cat '" + path + "' > /dev/null 2>&1; then echo 'READ "
                + label + "'; else echo 'refused " + label + "'; fi"));
        commands.add("if echo x > '" + plugins.resolve("evil.jar") + "' 2>/dev/null; then echo 'WROTE plugins';"
                + " else echo 'refused plugins'; fi");
        commands.add("if ls '" + home + "' > /dev/null 2>&1; then echo 'SAW data-folder'; else echo 'refused data-folder'; fi");
        commands.add("echo \"processes: $(ls /proc | grep -c '^[0-9]')\"");

        JsonObject execution = run(user, Projects.create(user, "sandbox-attacker"), step("attack", commands), "attack");

        String log = log(user, execution);
        assertEquals("complete", execution.getString("status"), log);
        for (String label : List.of("master-key", "database", "other-project-datum", "server-environ", "plugins",
                "data-folder")) {
            assertTrue(log.contains("refused " + label), label + ": " + log);
        }
        assertFalse(log.contains("READ") || log.contains("WROTE") || log.contains("SAW"), log);
        assertFalse(Files.exists(plugins.resolve("evil.jar")));
        int processes = Integer.parseInt(log.replaceAll("(?s).*processes: (\\d+).*", "$1"));
        assertTrue(processes < 10, "the step sees its own processes only: " + log);
    }

    @Test
    void aUsersStepStillReadsItsInputsWritesOutputsPrintsMetadataAndRunsPython() throws Exception {
        String project = Projects.create(user, "sandbox-normal");
        String yaml = """
                - step:
                    name: produce
                    image: python:3.11
                    command:
                      - python3 produce.py
                - step:
                    name: consume
                    image: python:3.11
                    command:
                      - python3 consume.py
                    inputs:
                      - name: data
                """;
        String produce = """
                import json, os
                with open(os.path.join(os.environ['VH_OUTPUTS_DIR'], 'numbers.txt'), 'w') as out:
                    out.write('1\\n2\\n3\\n')
                print(json.dumps({'step': 'produce', 'rows': 3}))
                """;
        String consume = """
                import json, os
                path = json.load(open(os.path.join(os.environ['VH_CONFIG_DIR'], 'inputs.json')))['data']['files'][0]['path']
                rows = [int(line) for line in open(path)]
                with open('/valohai/outputs/sum.txt', 'w') as out:
                    out.write(str(sum(rows)))
                print(json.dumps({'total': sum(rows), 'inputs_dir': os.environ['VH_INPUTS_DIR']}))
                """;
        String commit = Projects.commit(user, project, CodePackages.of(List.of(
                CodePackages.Entry.file("valohai.yaml", yaml), CodePackages.Entry.file("produce.py", produce),
                CodePackages.Entry.file("consume.py", consume))));

        JsonObject produced = runCommit(user, project, commit, "produce", "{}");
        assertEquals("complete", produced.getString("status"), log(user, produced));
        String datum = produced.getJsonArray("outputs").getJsonObject(0).getString("datum");
        JsonObject consumed = runCommit(user, project, commit, "consume", "{\"data\": \"datum://" + datum + "\"}");

        assertEquals("complete", consumed.getString("status"), log(user, consumed));
        JsonArray metadata = user.get("/api/v1/executions/" + consumed.getString("id") + "/metadata").array();
        assertEquals(6, metadata.getJsonObject(0).getInt("total"));
        assertEquals("/valohai/inputs", metadata.getJsonObject(0).getString("inputs_dir"));
        assertEquals("sum.txt", consumed.getJsonArray("outputs").getJsonObject(0).getString("path"));
    }

    @Test
    void whereBubblewrapIsMissingAUsersJobIsRefusedNamingThePackageAndAnAdminsRuns() throws Exception {
        String environment = "no-bwrap-" + System.nanoTime() % 100_000;
        Api.Answer created = admin.postJson("/api/v1/admin/environments", "{\"name\":\"" + environment
                + "\",\"factory\":\"local\",\"settings\":{\"bwrap-path\":\"/nonexistent/bin/bwrap\"}}");
        assertEquals(201, created.status(), created.body());
        String yaml = step("hello", List.of("echo hello"));

        JsonObject refused = run(user, Projects.create(user, "sandbox-missing"), yaml, "hello", environment);
        JsonObject ran = run(admin, Projects.create(admin, "sandbox-missing-admin"), yaml, "hello", environment);

        assertEquals("error", refused.getString("status"));
        String detail = refused.getString("status_detail");
        assertTrue(detail.contains("install the package 'bubblewrap'"), detail);
        assertFalse(log(user, refused).contains("hello"));
        assertEquals("complete", ran.getString("status"), log(admin, ran));
        assertEquals("hello\n", log(admin, ran));

        String secondAdmin = Callers.createUser(admin, "sandbox-admin", "admin");
        String page = ConsoleClient.signIn(server, secondAdmin, Callers.PASSWORD).get("/admin/system").body();
        assertTrue(page.contains("compute environment &#39;" + environment + "&#39; cannot make sandboxes")
                || page.contains("compute environment '" + environment + "' cannot make sandboxes"), page);
    }

    private static String step(String name, List<String> commands) {
        StringBuilder yaml = new StringBuilder("- step:\n    name: " + name + "\n    image: busybox\n    command:\n");
        for (String command : commands) {
            yaml.append("      - \"").append(command.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        return yaml.toString();
    }

    private static JsonObject run(Api api, String project, String yaml, String step) throws Exception {
        return run(api, project, yaml, step, "local");
    }

    private static JsonObject run(Api api, String project, String yaml, String step, String environment)
            throws Exception {
        String commit = Projects.commit(api, project, CodePackages.of(List.of(
                CodePackages.Entry.file("valohai.yaml", yaml))));
        Api.Answer created = api.postJson("/api/v1/executions", "{\"project\":\"" + project + "\",\"commit\":\""
                + commit + "\",\"step\":\"" + step + "\",\"environment\":\"" + environment + "\"}");
        assertEquals(201, created.status(), created.body());
        return api.awaitEnd(created.json().getString("id"));
    }

    private static JsonObject runCommit(Api api, String project, String commit, String step, String inputs) {
        Api.Answer created = api.postJson("/api/v1/executions", "{\"project\":\"" + project + "\",\"commit\":\""
                + commit + "\",\"step\":\"" + step + "\",\"inputs\":" + inputs + "}");
        assertEquals(201, created.status(), created.body());
        return api.awaitEnd(created.json().getString("id"));
    }

    private static String log(Api api, JsonObject execution) {
        return api.get("/api/v1/executions/" + execution.getString("id") + "/logs").body();
    }
}
