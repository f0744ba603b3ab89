package io.lathe.plugins.notifier.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A real HTTP server on 127.0.0.1 that records each request and answers with a status the test chooses. */
final class RecordingReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Request(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        /** The first value of the header {@code name}, whatever its case; null when absent. */
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty())
                    .map(entry -> entry.getValue().get(0))
                    .findFirst().orElse(null);
        }

        String text() {
            return new String(body, UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile int status = 204;
    private volatile String answer = "";
    private volatile Map<String, String> answerHeaders = Map.of();
    private volatile boolean stall;

    RecordingReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The URL of {@code path} on this server, e.g. {@code /hooks/lathe}. */
    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Answers later requests with {@code status} and {@code text}. */
    void answerWith(int status, String text) {
        answerWith(status, text, Map.of());
    }

    void answerWith(int status, String text, Map<String, String> headers) {
        this.status = status;
        this.answer = text;
        this.answerHeaders = headers;
    }

    /** Holds later requests without answering until the receiver is closed. */
    void stall() {
        this.stall = true;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
                    Map.copyOf(exchange.getRequestHeaders()), in.readAllBytes()));
            if (stall) {
                released.await(60, TimeUnit.SECONDS);
            }
            answerHeaders.forEach(exchange.getResponseHeaders()::add);
            byte[] text = answer.getBytes(UTF_8);
            exchange.sendResponseHeaders(status, text.length == 0 ? -1 : text.length);
            if (text.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(text);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
