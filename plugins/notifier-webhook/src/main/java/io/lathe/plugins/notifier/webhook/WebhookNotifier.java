package io.lathe.plugins.notifier.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.RetriablePluginException;
import io.lathe.plugin.api.notify.Event;
import io.lathe.plugin.api.notify.Notifier;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * POSTs each event as a JSON object to one URL and succeeds on any 2xx answer. Redirects are not followed. With a
 * secret, each request carries {@code X-Lathe-Signature: sha256=<hex HMAC-SHA256 of the body>}.
 *
 * <p>Faults: a 5xx or 429 answer, a timeout or a broken connection are {@link RetriablePluginException}s; other
 * answers, TLS failures and events that cannot be written are plain {@link PluginException}s.
 */
final class WebhookNotifier implements Notifier {

    static final String SIGNATURE_HEADER = "X-Lathe-Signature";
    static final String EVENT_HEADER = "X-Lathe-Event";
    private static final int MAX_ERROR_TEXT = 200;

    private final URI url;
    private final Optional<Signer> signer;
    private final Duration timeout;
    private final HttpClient client;

    WebhookNotifier(URI url, Optional<Signer> signer, Duration timeout) {
        this.url = requireNonNull(url, "url");
        this.signer = requireNonNull(signer, "signer");
        this.timeout = requireNonNull(timeout, "timeout");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    @Override
    public void deliver(Event event) {
        byte[] body = body(event);
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Lathe-Webhook")
                .header(EVENT_HEADER, event.type())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signer.ifPresent(s -> request.header(SIGNATURE_HEADER, s.sign(body)));
        HttpResponse<InputStream> response = send(request.build());
        int status = response.statusCode();
        try (InputStream answer = response.body()) {
            if (status / 100 == 2) {
                return;
            }
            String text = new String(answer.readNBytes(MAX_ERROR_TEXT), UTF_8).strip();
            String message = url + " answered " + status + (text.isEmpty() ? "" : ": " + text);
            if (status >= 500 || status == 429) {
                throw new RetriablePluginException("webhook-unavailable", message);
            }
            if (status / 100 == 3) {
                throw new PluginException("webhook-rejected", message + " (redirects are not followed: "
                        + "configure the URL the receiver redirects to)");
            }
            throw new PluginException("webhook-rejected", message);
        } catch (IOException e) {
            throw new RetriablePluginException("webhook-io-error", "reading the answer of " + url + " failed", e);
        }
    }

    @Override
    public void close() {
        // From Java 21 the client can be closed, which ends its threads; before that they end when idle.
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Nothing to do about a client that fails to stop.
            }
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new RetriablePluginException("webhook-timeout",
                    url + " did not answer within " + timeout.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw new RetriablePluginException("webhook-unreachable", "cannot connect to " + url + ": the connection was refused", e);
        } catch (SSLException e) {
            throw new PluginException("webhook-tls-error", "TLS with " + url + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RetriablePluginException("webhook-io-error", "sending to " + url + " failed: "
                    + (e.getMessage() == null ? "the connection broke" : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriablePluginException("interrupted", "delivery to " + url + " was interrupted", e);
        }
    }

    static byte[] body(Event event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", event.type());
        json.put("project", event.project());
        json.put("title", event.title());
        json.put("body", event.body());
        json.put("url", event.url());
        json.put("time", event.time().toString());
        json.put("data", event.data());
        try {
            return Json.write(json).getBytes(UTF_8);
        } catch (IllegalArgumentException e) {
            throw new PluginException("invalid-event", "event " + event.type() + " cannot be sent as JSON: "
                    + e.getMessage(), e);
        }
    }
}
