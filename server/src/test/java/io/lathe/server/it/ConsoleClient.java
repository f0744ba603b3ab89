package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The console as a browser uses it, without the browser: a session cookie, and the session's CSRF token sent with
 * every form. Redirects are not followed, so that a test sees where the console sends the visitor.
 */
final class ConsoleClient {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final LatheServer server;
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String csrf;

    private ConsoleClient(LatheServer server) {
        this.server = server;
        Matcher form = CSRF.matcher(get("/sign-in").body());
        if (!form.find()) {
            throw new IllegalStateException("the sign-in page has no CSRF field");
        }
        this.csrf = form.group(1);
    }

    /** A visitor who has opened the sign-in page but not signed in. */
    static ConsoleClient anonymous(LatheServer server) {
        return new ConsoleClient(server);
    }

    /** A visitor signed in with the sign-in form. */
    static ConsoleClient signIn(LatheServer server, String username, String password) {
        ConsoleClient console = new ConsoleClient(server);
        Api.Answer answer = console.post("/sign-in", Map.of("username", username, "password", password));
        assertEquals(302, answer.status(), "signing in " + username + ": " + answer.body());
        return console;
    }

    Api.Answer get(String path) {
        return send(request(path).GET());
    }

    /** Posts a form, with the session's CSRF token. */
    Api.Answer post(String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&", "csrf=" + encode(csrf) + (form.isEmpty() ? "" : "&"), ""));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts a form whose CSRF token is in the query string only, as a link in a mail or a log line would carry it. */
    Api.Answer postWithCsrfInQuery(String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path + (path.contains("?") ? "&" : "?") + "csrf=" + encode(csrf))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts a raw body as a page's script does, the CSRF token in its header, asking for JSON. */
    Api.Answer postRaw(String path, byte[] body, String contentType) {
        return send(request(path).header("Content-Type", contentType).header("X-CSRF-Token", csrf)
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(60));
    }

    private Api.Answer send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Api.Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
