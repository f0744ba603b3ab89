package io.lathe.server.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

/** A caller of the REST API with a token, as a script or the CLI would be. */
public final class Api {

    private final LatheServer server;
    private final String token;
    private final HttpClient client = HttpClient.newHttpClient();

    public Api(LatheServer server, String token) {
        this.server = server;
        this.token = token;
    }

    /** The token this caller sends. */
    public String token() {
        return token;
    }

    /** An answer: status, body text, and the body as JSON when it is JSON. */
    public record Answer(int status, String body, HttpResponse<String> response) {
        public JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        public JsonArray array() {
            return Json.createReader(new StringReader(body)).readArray();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    public Answer post(String path, JsonStructure body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body.toString())));
    }

    /** Any method, with a JSON body when {@code body} is not null. */
    public Answer send(String method, String path, String body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        HttpRequest.Builder builder = request(path).method(method, publisher);
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return send(builder);
    }

    public Answer postJson(String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer postFile(String path, Path file) {
        try {
            return send(request(path).header("Content-Type", "application/gzip")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)));
        } catch (java.io.FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Answer postBytes(String path, byte[] body, String contentType) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A GET with a {@code Range} header. */
    public Answer getRange(String path, String range) {
        return send(request(path).header("Range", range).GET());
    }

    public HttpResponse<Path> download(String path, Path target) {
        try {
            return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofFile(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@code path} until its JSON satisfies {@code done}, at most {@code timeout}. */
    public JsonObject await(String path, Predicate<JsonObject> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            last = get(path).json();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("gave up waiting on " + path + " after " + timeout + "; last: " + last);
    }

    /** Waits for an execution to end and returns it. */
    public JsonObject awaitEnd(String executionId) {
        return await("/api/v1/executions/" + executionId,
                e -> e.getString("status").matches("complete|error|stopped"), Duration.ofSeconds(60));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
