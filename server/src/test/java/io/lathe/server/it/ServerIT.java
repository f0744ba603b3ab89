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
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Start-up, authentication, the plugin host and the error shape, on the real server. */
@ExtendWith(SharedServer.class)
class ServerIT {

    @Test
    void startUpPrintsTheUrlTheDataFolderAndThePlugins() throws Exception {
        String log = SharedServer.server().log();
        assertTrue(log.contains("Lathe " + BuildVersion.expected() + " is running at http://localhost:"), log);
        assertTrue(log.contains("data folder: " + SharedServer.server().home()), log);
        assertTrue(log.contains("storage-local") && log.contains("storage-s3") && log.contains("compute-local")
                && log.contains("optimizer-grid") && log.contains("optimizer-tpe") && log.contains("notifier-webhook"),
                log);
        assertTrue(log.contains("initial-admin-token"), log);
    }

    @Test
    void aRefusedRequestIsToldWhatWasWrongWithItsToken() throws Exception {
        LatheServer server = SharedServer.server();
        assertUnauthorized(new Api(server, null).get("/api/v1/projects"), "Bearer", "needs an API token");
        assertUnauthorized(send(server, "Basic YWRtaW46YWRtaW4="), "Bearer error=\"invalid_request\"",
                "must be 'Bearer <token>'");
        assertUnauthorized(new Api(server, "lathe_not-a-real-token").get("/api/v1/projects"),
                "Bearer error=\"invalid_token\"", "issued no such token");

        Api admin = SharedServer.admin();
        Api.Answer made = admin.postJson("/api/v1/tokens", "{\"name\":\"doomed\"}");
        assertEquals(201, made.status(), made.body());
        assertEquals(204, admin.send("DELETE", "/api/v1/tokens/" + made.json().getString("id"), null).status());
        assertUnauthorized(new Api(server, made.json().getString("token")).get("/api/v1/projects"),
                "Bearer error=\"invalid_token\"", "was revoked at");

        Api.Answer brief = admin.postJson("/api/v1/tokens", "{\"name\":\"brief\",\"expires\":\""
                + java.time.Instant.now().plusSeconds(2) + "\"}");
        assertEquals(201, brief.status(), brief.body());
        Api briefly = new Api(server, brief.json().getString("token"));
        assertEquals(200, briefly.get("/api/v1/me").status());
        Thread.sleep(2500);
        assertUnauthorized(briefly.get("/api/v1/projects"), "Bearer error=\"invalid_token\"", "expired at");
    }

    private static Api.Answer send(LatheServer server, String authorization) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                server.uri("/api/v1/projects")).header("Authorization", authorization).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Api.Answer(response.statusCode(), response.body(), response);
    }

    private static void assertUnauthorized(Api.Answer answer, String challenge, String says) {
        assertEquals(401, answer.status(), answer.body());
        assertEquals("unauthorized", answer.json().getString("error"));
        assertEquals(challenge, answer.header("WWW-Authenticate"));
        assertTrue(answer.json().getString("message").contains(says), answer.body());
    }

    @Test
    void valohaiStyleTokenHeaderIsAccepted() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var response = client.send(java.net.http.HttpRequest.newBuilder(SharedServer.server().uri("/api/v1/projects"))
                .header("Authorization", "Token " + SharedServer.server().adminToken()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
    }

    @Test
    void bundledPluginsAreInstalledStartedAndListedWithTheirExtensions() throws Exception {
        Api.Answer answer = SharedServer.admin().get("/api/v1/plugins");
        assertEquals(200, answer.status());
        Map<String, JsonObject> byId = answer.array().stream().map(JsonValue::asJsonObject)
                .filter(p -> p.containsKey("id"))
                .collect(Collectors.toMap(p -> p.getString("id"), p -> p));
        Map<String, String> expected = Map.of("storage-local", "storage", "storage-s3", "storage",
                "compute-local", "compute", "optimizer-grid", "optimizer", "optimizer-tpe", "optimizer",
                "notifier-webhook", "notifier");
        expected.forEach((id, point) -> {
            JsonObject plugin = byId.get(id);
            assertEquals("started", plugin.getString("state"), id);
            JsonObject extension = plugin.getJsonArray("extensions").getJsonObject(0);
            assertEquals(point, extension.getString("point"), id);
            assertFalse(extension.getString("id").isEmpty());
            assertTrue(Files.exists(SharedServer.server().home().resolve("plugins/" + id + ".jar")));
        });
        // The S3 plugin carries the AWS SDK inside its jar; its factory loads through PF4J like the others.
        assertEquals("s3", byId.get("storage-s3").getJsonArray("extensions").getJsonObject(0).getString("id"));
    }

    @Test
    void pluginsThatCannotRunAreReportedWithWhyWhileTheOthersRun() throws Exception {
        List<JsonObject> plugins = SharedServer.admin().get("/api/v1/plugins").array().stream()
                .map(JsonValue::asJsonObject).toList();
        JsonObject corrupt = plugins.stream().filter(p -> BrokenPlugins.CORRUPT_FILE.equals(p.getString("file")))
                .findFirst().orElseThrow();
        assertEquals("failed", corrupt.getString("state"));
        assertFalse(corrupt.getString("error").isBlank());
        JsonObject needsMissing = plugins.stream()
                .filter(p -> (BrokenPlugins.NEEDS_MISSING + ".jar").equals(p.getString("file"))).findFirst().orElseThrow();
        assertEquals("failed", needsMissing.getString("state"));
        assertTrue(needsMissing.getString("error").contains("not-installed"), needsMissing.toString());
        JsonObject future = plugins.stream().filter(p -> p.containsKey("id") && !p.isNull("id")
                && BrokenPlugins.NEEDS_FUTURE_LATHE.equals(p.getString("id"))).findFirst().orElseThrow();
        assertEquals("disabled", future.getString("state"));
        assertTrue(future.getString("error").contains(">=99.0.0"), future.toString());
        assertTrue(SharedServer.server().log().contains(BrokenPlugins.CORRUPT_FILE));

        Api user = Callers.signIn(SharedServer.server(), Callers.createUser(SharedServer.admin(), "plu", "user"));
        String seenByUser = user.get("/api/v1/plugins").body();
        assertFalse(seenByUser.contains(BrokenPlugins.CORRUPT_FILE), "a jar that did not load is for admins only");
        assertFalse(seenByUser.contains("\"error\""), "load errors are for admins only: " + seenByUser);
        assertTrue(seenByUser.contains(BrokenPlugins.NEEDS_FUTURE_LATHE), "the plugin itself is listed");
    }

    @Test
    void unknownPathsAndMalformedBodiesGetTheErrorShapeWithoutAStackTrace() throws Exception {
        Api api = SharedServer.admin();
        Api.Answer missing = api.get("/api/v1/no-such-thing");
        assertEquals(404, missing.status());
        assertEquals("not-found", missing.json().getString("error"));

        Api.Answer malformed = api.postJson("/api/v1/projects", "{\"name\":");
        assertEquals(400, malformed.status());
        assertEquals("invalid-json", malformed.json().getString("error"));
        assertFalse(malformed.body().contains("at org."), malformed.body());

        Api.Answer badName = api.postJson("/api/v1/projects", "{\"name\":\"no spaces allowed\"}");
        assertEquals(400, badName.status());
        assertEquals("name", badName.json().getString("field"));

        // The API is described in docs/api.md; Jersey's generated WADL would list every resource to anyone asking.
        Api.Answer wadl = api.get("/api/v1/application.wadl");
        assertEquals(404, wadl.status());
        assertEquals("not-found", wadl.json().getString("error"));
    }

    @Test
    void theRootLeadsToTheConsoleWhichAsksStrangersToSignIn() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var root = client.send(java.net.http.HttpRequest.newBuilder(SharedServer.server().uri("/")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(302, root.statusCode());
        assertTrue(root.headers().firstValue("Location").orElse("").endsWith("/projects"));
        var projects = client.send(java.net.http.HttpRequest.newBuilder(SharedServer.server().uri("/projects"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(302, projects.statusCode());
        assertTrue(projects.headers().firstValue("Location").orElse("").contains("/sign-in?next=%2Fprojects"));
        var signIn = client.send(java.net.http.HttpRequest.newBuilder(SharedServer.server().uri("/sign-in")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, signIn.statusCode());
        assertTrue(signIn.body().contains("name=\"csrf\"") && signIn.body().contains("name=\"password\""),
                signIn.body());
    }

    @Test
    void projectsAreCreatedListedAndReadAndNamesAreUnique() throws Exception {
        Api api = SharedServer.admin();
        Api.Answer created = api.postJson("/api/v1/projects", "{\"name\":\"unique-name\",\"description\":\"d\"}");
        assertEquals(201, created.status());
        String id = created.json().getString("id");
        assertTrue(created.header("Location").endsWith("/api/v1/projects/" + id));
        assertEquals("local", created.json().getString("default_store"));

        assertEquals("unique-name", api.get("/api/v1/projects/" + id).json().getString("name"));
        List<String> names = api.get("/api/v1/projects").array().stream()
                .map(p -> p.asJsonObject().getString("name")).toList();
        assertTrue(names.contains("unique-name"));

        Api.Answer again = api.postJson("/api/v1/projects", "{\"name\":\"unique-name\"}");
        assertEquals(409, again.status());
        assertEquals(404, api.get("/api/v1/projects/00000000-0000-0000-0000-000000000000").status());
    }

    @Test
    void requestBodiesOverTheLimitAreRefusedWith413NamingIt() throws Exception {
        String token = SharedServer.server().adminToken();
        String oversized = "{\"name\":\"big\",\"description\":\"" + "d".repeat(2 * 1024 * 1024) + "\"}";
        byte[] body = oversized.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<java.net.http.HttpRequest.BodyPublisher> publishers = List.of(
                java.net.http.HttpRequest.BodyPublishers.ofByteArray(body),
                // Without a length, as chunks: refused while it is read.
                java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));
        for (var publisher : publishers) {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(SharedServer.server().uri("/api/v1/projects"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(publisher).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(413, response.statusCode(), response.body());
            JsonObject error = jakarta.json.Json.createReader(new java.io.StringReader(response.body())).readObject();
            assertEquals("request-too-large", error.getString("error"));
            assertTrue(error.getString("message").contains("LATHE_MAX_REQUEST_BYTES = 1048576"), response.body());
        }
        assertFalse(SharedServer.admin().get("/api/v1/projects").body().contains("\"big\""));
    }

    @Test
    void packagesOverTheSizeOrFileLimitAreRefusedWith413NamingIt() throws Exception {
        Api api = SharedServer.admin();
        String project = Projects.create(api, "limits");
        byte[] noise = new byte[(int) SharedServer.MAX_PACKAGE_BYTES + 1024];
        new java.util.Random(7).nextBytes(noise);
        var tooLarge = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build().send(java.net.http.HttpRequest.newBuilder(SharedServer.server()
                        .uri("/api/v1/projects/" + project + "/commits"))
                        .header("Authorization", "Bearer " + SharedServer.server().adminToken())
                        .header("Content-Type", "application/gzip")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(noise)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(413, tooLarge.statusCode(), tooLarge.body());
        assertTrue(tooLarge.body().contains("\"package-too-large\"") && tooLarge.body()
                .contains("LATHE_MAX_PACKAGE_BYTES = " + SharedServer.MAX_PACKAGE_BYTES), tooLarge.body());

        List<CodePackages.Entry> entries = new java.util.ArrayList<>();
        entries.add(CodePackages.Entry.file("valohai.yaml", "- step: {name: s, image: busybox, command: 'true'}\n"));
        for (int i = 0; i < SharedServer.MAX_PACKAGE_FILES; i++) {
            entries.add(CodePackages.Entry.file("f" + i + ".txt", ""));
        }
        Api.Answer tooMany = api.postFile("/api/v1/projects/" + project + "/commits", CodePackages.of(entries));
        assertEquals(413, tooMany.status(), tooMany.body());
        assertEquals("too-many-files", tooMany.json().getString("error"));
        assertTrue(tooMany.json().getString("message")
                .contains("LATHE_MAX_PACKAGE_FILES = " + SharedServer.MAX_PACKAGE_FILES), tooMany.body());
        assertEquals(0, api.get("/api/v1/projects/" + project + "/commits").array().size());
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        String token = SharedServer.server().adminToken();
        Map<String, String> expected = Map.of(
                "Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'"
                        + " data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "same-origin",
                "X-Frame-Options", "DENY");
        Map<String, String> paths = Map.of("/", "", "/assets/lathe.css", "", "/api/v1/projects", token,
                "/api/v1/plugins", "", "/api/v1/no-such-thing", token, "/no-such-page", "");
        for (Map.Entry<String, String> path : paths.entrySet()) {
            var request = java.net.http.HttpRequest.newBuilder(SharedServer.server().uri(path.getKey()));
            if (!path.getValue().isEmpty()) {
                request.header("Authorization", "Bearer " + path.getValue());
            }
            var response = client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            expected.forEach((header, value) -> assertEquals(value, response.headers().firstValue(header)
                    .orElse(null), path.getKey() + " (" + response.statusCode() + ") " + header));
        }
    }
}
