package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Settings an operator gives a server of their own: a TLS-ending proxy in front (cookies marked Secure although the
 * requests arrive as plain HTTP), the URL users reach the server at through it, and a tighter limit on what code
 * packages may unpack to.
 */
class OperatorSettingsIT {

    private static final long MAX_UNPACKED_BYTES = 1024 * 1024;
    /**
     * Given without the trailing slash, which the server adds. {@code https}: users reach the server through a proxy
     * that ends TLS, so its session cookie is {@code Secure} without LATHE_SECURE_COOKIES.
     */
    private static final String BASE_URL = "https://lathe.example:9999";

    private static LatheServer server;

    @BeforeAll
    static void start() throws Exception {
        Path home = Files.createTempDirectory("lathe-it-settings-");
        server = new LatheServer(home, Map.of("LATHE_MAX_UNPACKED_BYTES", Long.toString(MAX_UNPACKED_BYTES),
                "LATHE_BASE_URL", BASE_URL)).start();
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
    void theLinksTheServerHandsOutUseTheUrlUsersReachItAt() throws Exception {
        assertTrue(server.log().contains("is running at " + BASE_URL + "/\n"), "the banner says where");
        Api api = new Api(server, server.adminToken());
        String project = Projects.create(api, "links");
        String datum = api.postBytes("/api/v1/datums?project=" + project + "&name=links/a.txt", "a".getBytes(),
                "text/plain").json().getString("id");
        JsonObject download = api.get("/api/v1/datums/" + datum + "/download-url").json();
        assertEquals(BASE_URL + "/api/v1/datums/" + datum + "/download", download.getString("url"),
                "not the address this request came to: " + download);

        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        CompletableFuture<String> delivered = new CompletableFuture<>();
        receiver.createContext("/hook", exchange -> {
            delivered.complete(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            Api.Answer channel = api.postJson("/api/v1/admin/notification-channels", "{\"name\":\"links\","
                    + "\"factory\":\"webhook\",\"settings\":{\"url\":\"" + hook + "\"}}");
            assertEquals(201, channel.status(), channel.body());
            Api.Answer tested = api.send("POST", "/api/v1/admin/notification-channels/links/test", "");
            assertEquals(200, tested.status(), tested.body());
            JsonObject event = Json.createReader(new StringReader(delivered.get(30, TimeUnit.SECONDS))).readObject();
            assertEquals(BASE_URL + "/admin/notification-channels/links", event.getString("url"), event.toString());
        } finally {
            receiver.stop(0);
        }
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
