package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Settings an operator gives a server of their own: a TLS-ending proxy in front (cookies marked Secure although the
 * requests arrive as plain HTTP) and a tighter limit on what code packages may unpack to.
 */
class OperatorSettingsIT {

    private static final long MAX_UNPACKED_BYTES = 1024 * 1024;

    private static LatheServer server;

    @BeforeAll
    static void start() throws Exception {
        Path home = Files.createTempDirectory("lathe-it-settings-");
        server = new LatheServer(home, Map.of("LATHE_SECURE_COOKIES", "true",
                "LATHE_MAX_UNPACKED_BYTES", Long.toString(MAX_UNPACKED_BYTES))).start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Test
    void behindATlsProxyTheSessionCookieIsSecure() throws Exception {
        HttpResponse<String> signIn = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.uri("/sign-in")).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = signIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + signIn.headers()));
        assertTrue(cookie.contains("Secure"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
    }

    @Test
    void aPackageThatUnpacksPastTheLimitIsRefusedAndNothingIsRecorded() throws Exception {
        Api api = new Api(server, server.adminToken());
        String project = Projects.create(api, "unpacked");
        Path bomb = CodePackages.of(List.of(
                CodePackages.Entry.file("valohai.yaml", "- step: {name: s, image: busybox, command: 'true'}\n"),
                CodePackages.Entry.file("zeros.txt", "0".repeat((int) MAX_UNPACKED_BYTES + 1))));
        assertTrue(Files.size(bomb) < 64 * 1024, "small as sent: " + Files.size(bomb));

        Api.Answer refused = api.postFile("/api/v1/projects/" + project + "/commits", bomb);
        assertEquals(413, refused.status(), refused.body());
        assertEquals("package-too-large-unpacked", refused.json().getString("error"));
        assertTrue(refused.json().getString("message").contains("LATHE_MAX_UNPACKED_BYTES = " + MAX_UNPACKED_BYTES),
                refused.body());
        assertEquals(0, api.get("/api/v1/projects/" + project + "/commits").array().size());
    }
}
