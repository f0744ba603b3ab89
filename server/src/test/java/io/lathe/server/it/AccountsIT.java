package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Users, tokens, project members and the audit trail, as people use them. */
@ExtendWith(SharedServer.class)
class AccountsIT {

    private static Api admin;

    @BeforeAll
    static void admin() throws Exception {
        admin = SharedServer.admin();
    }

    @Test
    void theFirstAdminSignsInWithThePasswordWrittenForThem() throws Exception {
        Path file = SharedServer.server().home().resolve("secrets/initial-admin-password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Api.Answer answer = new Api(SharedServer.server(), null).postJson("/api/v1/auth/token",
                "{\"username\":\"admin\",\"password\":\"" + Files.readString(file).trim() + "\",\"name\":\"cli\"}");
        assertEquals(201, answer.status(), answer.body());
        Api signedIn = new Api(SharedServer.server(), answer.json().getString("token"));
        assertEquals("admin", signedIn.get("/api/v1/me").json().getString("role"));
    }

    @Test
    void wrongPasswordsAndDisabledAccountsGetNoTokenAndAreAudited() {
        String name = Callers.createUser(admin, "dana", "user");
        Api dana = Callers.signIn(SharedServer.server(), name);
        Api.Answer wrong = new Api(SharedServer.server(), null).postJson("/api/v1/auth/token",
                "{\"username\":\"" + name + "\",\"password\":\"not the password\",\"name\":\"x\"}");
        assertEquals(401, wrong.status());
        assertEquals("wrong-credentials", wrong.json().getString("error"));

        assertEquals(200, admin.send("PATCH", "/api/v1/admin/users/" + name, "{\"disabled\":true}").status());
        assertEquals(401, dana.get("/api/v1/me").status(), "a disabled user's tokens stop working");
        assertEquals(401, new Api(SharedServer.server(), null).postJson("/api/v1/auth/token", "{\"username\":\""
                + name + "\",\"password\":\"" + Callers.PASSWORD + "\",\"name\":\"x\"}").status());

        admin.send("PATCH", "/api/v1/admin/users/" + name, "{\"disabled\":false,\"password\":\"a brand new secret\"}");
        assertEquals(200, dana.get("/api/v1/me").status());
        assertEquals(201, new Api(SharedServer.server(), null).postJson("/api/v1/auth/token", "{\"username\":\""
                + name + "\",\"password\":\"a brand new secret\",\"name\":\"x\"}").status());

        List<String> actions = audit().stream().filter(e -> name.equals(e.getString("target", null)))
                .map(e -> e.getString("action")).toList();
        assertTrue(actions.containsAll(List.of("user.create", "sign-in", "sign-in.failed", "user.update")),
                actions.toString());
        assertFalse(audit().toString().contains("a brand new secret"), "the audit never holds secrets");
    }

    @Test
    void tokensAreShownOnceListedWithoutSecretAndRevoked() {
        Api user = Callers.signIn(SharedServer.server(), Callers.createUser(admin, "tom", "user"));
        Api.Answer created = user.postJson("/api/v1/tokens", "{\"name\":\"laptop\",\"expires\":\"2099-01-01T00:00:00Z\"}");
        assertEquals(201, created.status(), created.body());
        String secret = created.json().getString("token");
        Api laptop = new Api(SharedServer.server(), secret);
        assertEquals(200, laptop.get("/api/v1/me").status());

        String listed = user.get("/api/v1/tokens").body();
        assertTrue(listed.contains("laptop") && listed.contains("2099-01-01"), listed);
        assertFalse(listed.contains(secret), "a token's secret is never shown again");

        assertEquals(204, user.send("DELETE", "/api/v1/tokens/" + created.json().getString("id"), null).status());
        assertEquals(401, laptop.get("/api/v1/me").status());
        assertEquals(400, user.postJson("/api/v1/tokens", "{\"name\":\"old\",\"expires\":\"2001-01-01T00:00:00Z\"}")
                .status(), "a token cannot expire in the past");
    }

    @Test
    void membersSeeAndChangeWhatTheirAccessAllowsAndLoseItWhenRemoved() throws Exception {
        String readerName = Callers.createUser(admin, "rita", "user");
        String writerName = Callers.createUser(admin, "walt", "user");
        Api owner = Callers.signIn(SharedServer.server(), Callers.createUser(admin, "olga", "user"));
        Api reader = Callers.signIn(SharedServer.server(), readerName);
        Api writer = Callers.signIn(SharedServer.server(), writerName);
        String project = Projects.create(owner, "members");
        String commit = Projects.commit(owner, project, Projects.quickstart());
        String run = "{\"project\":\"" + project + "\",\"commit\":\"" + commit + "\",\"step\":\"prepare-data\"}";

        assertFalse(reader.get("/api/v1/projects").body().contains(project), "strangers do not see the project");
        assertEquals(404, reader.postJson("/api/v1/executions", run).status());

        assertEquals(200, owner.send("PUT", "/api/v1/projects/" + project + "/members/" + readerName,
                "{\"access\":\"read\"}").status());
        assertEquals(200, owner.send("PUT", "/api/v1/projects/" + project + "/members/" + writerName,
                "{\"access\":\"write\"}").status());
        assertTrue(reader.get("/api/v1/projects").body().contains(project));
        assertEquals(403, reader.postJson("/api/v1/executions", run).status(), "read access cannot run");
        assertEquals(403, reader.postFile("/api/v1/projects/" + project + "/commits", Projects.quickstart()).status());
        Api.Answer byWriter = writer.postJson("/api/v1/executions", run);
        assertEquals(201, byWriter.status(), byWriter.body());
        assertEquals(200, reader.get("/api/v1/executions/" + byWriter.json().getString("id")).status());
        assertEquals(403, writer.send("PUT", "/api/v1/projects/" + project + "/members/" + readerName,
                "{\"access\":\"write\"}").status(), "only the owner manages members");

        assertEquals(204, owner.send("DELETE", "/api/v1/projects/" + project + "/members/" + readerName, null)
                .status());
        assertEquals(404, reader.get("/api/v1/projects/" + project).status());
        List<String> actions = audit().stream().filter(e -> ("project " + project).equals(e.getString("target", null)))
                .map(e -> e.getString("action")).toList();
        assertTrue(actions.containsAll(List.of("member.set", "member.remove")), actions.toString());
    }

    @Test
    void onlyAdminsManageUsersAndReadTheAudit() {
        Api user = Callers.signIn(SharedServer.server(), Callers.createUser(admin, "uma", "user"));
        assertEquals(403, user.get("/api/v1/admin/users").status());
        assertEquals(403, user.get("/api/v1/admin/audit").status());
        assertEquals(409, admin.postJson("/api/v1/admin/users", "{\"username\":\"admin\",\"password\":\""
                + Callers.PASSWORD + "\"}").status());
        assertEquals("weak-password", admin.postJson("/api/v1/admin/users",
                "{\"username\":\"shorty\",\"password\":\"short\"}").json().getString("error"));
    }

    @Test
    void requestsAreCheckedBeforeAnyoneIsSignedInAndFlagsMustBeBooleans() {
        String name = Callers.createUser(admin, "vic", "user");
        int signInsBefore = (int) audit().stream().filter(e -> name.equals(e.getString("target", null))).count();
        Api.Answer noName = new Api(SharedServer.server(), null).postJson("/api/v1/auth/token",
                "{\"username\":\"" + name + "\",\"password\":\"" + Callers.PASSWORD + "\"}");
        assertEquals(400, noName.status());
        assertEquals("name", noName.json().getString("field"));
        assertEquals(signInsBefore, audit().stream().filter(e -> name.equals(e.getString("target", null))).count(),
                "a refused request signs nobody in");

        for (String value : List.of("\"yes\"", "1", "\"true\"")) {
            Api.Answer answer = admin.send("PATCH", "/api/v1/admin/users/" + name, "{\"disabled\":" + value + "}");
            assertEquals(400, answer.status(), value);
            assertEquals("disabled", answer.json().getString("field"));
        }
        Api.Answer token = Callers.signIn(SharedServer.server(), name).postJson("/api/v1/tokens",
                "{\"name\":\"ci\",\"expires\":\"2099-01-01T00:00:00Z\"}");
        assertEquals("2099-01-01T00:00:00Z", token.json().getString("expires_at"));
    }

    @Test
    void projectNamesBelongToTheirOwnerAndTheOwnerIsNoMember() throws Exception {
        String firstName = Callers.createUser(admin, "ann", "user");
        Api first = Callers.signIn(SharedServer.server(), firstName);
        Api second = Callers.signIn(SharedServer.server(), Callers.createUser(admin, "ben", "user"));
        String name = "shared-name-" + System.nanoTime();
        String project = first.postJson("/api/v1/projects", "{\"name\":\"" + name + "\"}").json().getString("id");
        assertEquals(201, second.postJson("/api/v1/projects", "{\"name\":\"" + name + "\"}").status(),
                "another user's project name is neither taken nor revealed");
        assertEquals(409, first.postJson("/api/v1/projects", "{\"name\":\"" + name + "\"}").status());
        assertEquals(400, first.send("PUT", "/api/v1/projects/" + project + "/members/" + firstName,
                "{\"access\":\"read\"}").status());
    }

    private static List<JsonObject> audit() {
        return admin.get("/api/v1/admin/audit?limit=1000").array().stream().map(JsonValue::asJsonObject).toList();
    }
}
