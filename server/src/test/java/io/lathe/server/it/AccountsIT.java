package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
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
        assertEquals(401, dana.get("/api/v1/me").status(), "disabling revoked the tokens: re-enabling revives none");
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
        String expires = inDays(30);
        Api.Answer created = user.postJson("/api/v1/tokens", "{\"name\":\"laptop\",\"expires\":\"" + expires + "\"}");
        assertEquals(201, created.status(), created.body());
        String secret = created.json().getString("token");
        Api laptop = new Api(SharedServer.server(), secret);
        assertEquals(200, laptop.get("/api/v1/me").status());

        String listed = user.get("/api/v1/tokens").body();
        assertTrue(listed.contains("laptop") && listed.contains(expires), listed);
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
        String expires = inDays(60);
        Api.Answer token = Callers.signIn(SharedServer.server(), name).postJson("/api/v1/tokens",
                "{\"name\":\"ci\",\"expires\":\"" + expires + "\"}");
        assertEquals(expires, token.json().getString("expires_at"));
    }

    @Test
    void tokensLiveAtMostTheMaximumAndATokenCannotMintALongerLivedOne() {
        Api user = Callers.signIn(SharedServer.server(), Callers.createUser(admin, "max", "user"));
        Api.Answer tooLong = user.postJson("/api/v1/tokens", "{\"name\":\"forever\",\"expires\":\"" + inDays(91)
                + "\"}");
        assertEquals(400, tooLong.status(), tooLong.body());
        assertEquals("expires", tooLong.json().getString("field"));
        assertTrue(tooLong.json().getString("message").contains("LATHE_MAX_TOKEN_DAYS"), tooLong.body());
        Instant defaulted = Instant.parse(user.postJson("/api/v1/tokens", "{\"name\":\"plain\"}").json()
                .getString("expires_at"));
        assertTrue(Math.abs(Duration.between(Instant.now().plus(Duration.ofDays(90)), defaulted).toMinutes()) < 5,
                "a token asked without an expiry lives the longest allowed: " + defaulted);

        String soon = inDays(2);
        Api shortLived = new Api(SharedServer.server(), user.postJson("/api/v1/tokens", "{\"name\":\"short\","
                + "\"expires\":\"" + soon + "\"}").json().getString("token"));
        Api.Answer longer = shortLived.postJson("/api/v1/tokens", "{\"name\":\"longer\",\"expires\":\"" + inDays(3)
                + "\"}");
        assertEquals(400, longer.status(), longer.body());
        assertEquals("expires", longer.json().getString("field"));
        assertEquals(soon, shortLived.postJson("/api/v1/tokens", "{\"name\":\"child\"}").json()
                .getString("expires_at"), "a child token ends with its parent");
    }

    @Test
    void expiriesTooFarForTheClockAreRefusedNamingTheFieldEvenWithAWrongPassword() {
        Api user = Callers.signIn(SharedServer.server(), Callers.createUser(admin, "far", "user"));
        for (String far : List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z")) {
            Api.Answer signIn = new Api(SharedServer.server(), null).postJson("/api/v1/auth/token",
                    "{\"username\":\"nobody\",\"password\":\"wrong\",\"name\":\"x\",\"expires\":\"" + far + "\"}");
            assertEquals(400, signIn.status(), signIn.body());
            assertEquals("expires", signIn.json().getString("field"));
            Api.Answer token = user.postJson("/api/v1/tokens", "{\"name\":\"x\",\"expires\":\"" + far + "\"}");
            assertEquals(400, token.status(), token.body());
            assertEquals("expires", token.json().getString("field"));
        }
    }

    @Test
    void userChangesThatAreNotAJsonObjectAreRefusedWith400() {
        String name = Callers.createUser(admin, "odd", "user");
        for (String body : List.of("null", "[]", "\"disable\"", "true", "9".repeat(1100))) {
            Api.Answer answer = admin.send("PATCH", "/api/v1/admin/users/" + name, body);
            assertEquals(400, answer.status(), body.length() > 20 ? "a long number" : body);
            assertEquals("body", answer.json().getString("field"));
        }
    }

    @Test
    void repeatedWrongPasswordsAreAnsweredWith429AndRetryAfterBeforeAnyPasswordIsChecked() throws Exception {
        String name = Callers.createUser(admin, "guessed", "user");
        Api anonymous = new Api(SharedServer.server(), null);
        ConsoleClient console = ConsoleClient.anonymous(SharedServer.server());
        String wrong = "{\"username\":\"" + name + "\",\"password\":\"guess\",\"name\":\"x\"}";
        for (int i = 0; i < 6; i++) {
            assertEquals(401, anonymous.postJson("/api/v1/auth/token", wrong).status(), "try " + (i + 1));
        }
        // Each failure beyond the free ones doubles the wait: 1 s, then 2 s, then 4 s.
        assertEquals(429, anonymous.postJson("/api/v1/auth/token", wrong).status(), "too soon after the sixth");
        Thread.sleep(1100);
        assertEquals(401, anonymous.postJson("/api/v1/auth/token", wrong).status(), "after the wait, a try");
        Thread.sleep(2100);
        assertEquals(401, anonymous.postJson("/api/v1/auth/token", wrong).status(), "after the longer wait");

        Api.Answer throttled = anonymous.postJson("/api/v1/auth/token", "{\"username\":\"" + name
                + "\",\"password\":\"" + Callers.PASSWORD + "\",\"name\":\"x\"}");
        assertEquals(429, throttled.status(), "even the right password waits: " + throttled.body());
        assertEquals("too-many-attempts", throttled.json().getString("error"));
        int retryAfter = Integer.parseInt(throttled.header("Retry-After"));
        assertTrue(retryAfter >= 2 && retryAfter <= 4, "the third wait is 4 s: " + retryAfter);
        Api.Answer form = console.post("/sign-in", java.util.Map.of("username", name, "password", Callers.PASSWORD));
        assertEquals(429, form.status(), "the console's form waits as well");
        assertTrue(form.header("Retry-After") != null && form.body().contains("Too many attempts"), form.body());

        long failures = audit().stream().filter(e -> name.equals(e.getString("target", null))
                && "sign-in.failed".equals(e.getString("action"))).count();
        assertEquals(1, failures, "eight failures in a row are audited once");
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

    private static String inDays(int days) {
        return Instant.ofEpochSecond(Instant.now().plus(Duration.ofDays(days)).getEpochSecond()).toString();
    }

    private static List<JsonObject> audit() {
        return admin.get("/api/v1/admin/audit?limit=1000").array().stream().map(JsonValue::asJsonObject).toList();
    }
}
