package io.lathe.server.executions;

import io.lathe.server.platform.HashingInputStream;
import io.lathe.server.platform.Limits;
import io.lathe.server.platform.OutboundAddresses;
import io.lathe.server.platform.TemporaryFiles;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fetches {@code http(s)://} inputs to a scratch file, streaming, with their size and SHA-256. The server fetches on a
 * user's behalf, so every hop is checked before it is taken: the address must be public or allowed by the
 * administrator ({@link OutboundAddresses}), redirects are followed here (at most {@value #MAX_REDIRECTS}), each one
 * checked again. A download gives up when the connection takes longer than {@link #CONNECT_TIMEOUT}, the answer's
 * headers longer than {@link #HEADERS_TIMEOUT}, when no byte arrives for {@link #READ_TIMEOUT}, past
 * {@code LATHE_MAX_INPUT_BYTES}, and at once when cancelled (the execution was stopped).
 */
@ApplicationScoped
public class InputDownloader {

    static final int MAX_REDIRECTS = 5;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(60);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /** A fetched file; the caller deletes it. */
    public record Download(Path file, long size, String sha256) {
    }

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    private final Set<Transfer> transfers = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService watchdog;
    /** {@link #READ_TIMEOUT}, shorter in tests. */
    Duration readTimeout = READ_TIMEOUT;

    @Inject
    TemporaryFiles temporaryFiles;

    @Inject
    OutboundAddresses addresses;

    @Inject
    Limits limits;

    @PostConstruct
    void startWatchdog() {
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "lathe-input-download-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleWithFixedDelay(this::closeStalled, 250, 250, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stopWatchdog() {
        watchdog.shutdownNow();
    }

    /** The downloads under way, by execution id, so that stopping an execution ends its download at once. */
    private final java.util.Map<String, Cancellation> byExecution = new ConcurrentHashMap<>();

    /** Ends the download under way for {@code executionId}, if any, within a fraction of a second. */
    public void cancel(String executionId) {
        Cancellation cancellation = byExecution.get(executionId);
        if (cancellation != null) {
            cancellation.cancel();
        }
    }

    /**
     * Downloads {@code uri} for {@code executionId}; {@link #cancel(String)} ends it.
     *
     * @throws IOException saying what failed in words
     */
    public Download download(String uri, String executionId) throws IOException {
        Cancellation cancellation = new Cancellation();
        byExecution.put(executionId, cancellation);
        try {
            return download(uri, cancellation);
        } finally {
            byExecution.remove(executionId, cancellation);
        }
    }

    /** A download that can be cancelled from another thread: it then ends within a fraction of a second. */
    public static final class Cancellation {
        private volatile boolean cancelled;
        private volatile Transfer transfer;

        public void cancel() {
            cancelled = true;
            Transfer current = transfer;
            if (current != null) {
                current.close();
            }
        }

        boolean cancelled() {
            return cancelled;
        }
    }

    /**
     * @throws IOException saying what failed in words: a refused address, an HTTP error, a timeout, too many bytes,
     *     a cancellation
     */
    public Download download(String uri, Cancellation cancellation) throws IOException {
        URI current = URI.create(uri);
        for (int hop = 0; ; hop++) {
            if (cancellation.cancelled()) {
                throw new IOException("the download was stopped");
            }
            try {
                addresses.check(current);
            } catch (OutboundAddresses.RefusedAddress e) {
                throw new IOException((hop == 0 ? "" : "redirected to " + shown(current) + ": ") + e.getMessage());
            }
            HttpResponse<InputStream> response = send(current);
            int status = response.statusCode();
            if (REDIRECTS.contains(status)) {
                response.body().close();
                String location = response.headers().firstValue("Location").orElse(null);
                if (location == null) {
                    throw new IOException("GET " + shown(current) + " answered HTTP " + status + " without a Location");
                }
                if (hop >= MAX_REDIRECTS) {
                    throw new IOException("GET " + shown(URI.create(uri)) + " was redirected more than "
                            + MAX_REDIRECTS + " times");
                }
                try {
                    current = current.resolve(location);
                } catch (IllegalArgumentException e) {
                    throw new IOException("GET " + shown(current) + " redirected to an address that is not a URL");
                }
                continue;
            }
            if (status / 100 != 2) {
                response.body().close();
                throw new IOException("GET " + shown(current) + " answered HTTP " + status);
            }
            return save(response, cancellation);
        }
    }

    private HttpResponse<InputStream> send(URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(HEADERS_TIMEOUT).GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.net.http.HttpConnectTimeoutException e) {
            throw new IOException("could not connect to " + uri.getHost() + " within "
                    + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (java.net.http.HttpTimeoutException e) {
            throw new IOException(uri.getHost() + " did not answer within " + HEADERS_TIMEOUT.toSeconds() + " s");
        } catch (java.net.ConnectException e) {
            throw new IOException("could not connect to " + uri.getHost() + " (connection refused)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("the download was stopped", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("'" + shown(uri) + "' is not an address that can be fetched");
        }
    }

    private Download save(HttpResponse<InputStream> response, Cancellation cancellation) throws IOException {
        long max = limits.maxInputBytes();
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > max) {
            response.body().close();
            throw tooLarge(max);
        }
        Path file = temporaryFiles.create("input");
        Transfer transfer = new Transfer(response.body());
        transfers.add(transfer);
        cancellation.transfer = transfer;
        try (HashingInputStream hashing = new HashingInputStream(transfer.body);
                OutputStream out = Files.newOutputStream(file)) {
            if (cancellation.cancelled()) {
                transfer.close();
            }
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int read; (read = hashing.read(buffer)) >= 0; ) {
                transfer.lastProgress = System.nanoTime();
                total += read;
                if (total > max) {
                    throw tooLarge(max);
                }
                out.write(buffer, 0, read);
            }
            // A closed body reads as its end: whether it was whole is known from why it was closed.
            if (cancellation.cancelled()) {
                throw new IOException("the download was stopped");
            }
            if (transfer.stalled) {
                throw new IOException("no data arrived for " + readTimeout.toMillis() / 1000.0 + " s");
            }
            return new Download(file, hashing.count(), hashing.sha256());
        } catch (IOException | RuntimeException e) {
            TemporaryFiles.deleteQuietly(file);
            if (cancellation.cancelled()) {
                throw new IOException("the download was stopped", e);
            }
            if (transfer.stalled) {
                throw new IOException("no data arrived for " + readTimeout.toMillis() / 1000.0 + " s", e);
            }
            throw e;
        } finally {
            transfers.remove(transfer);
            cancellation.transfer = null;
            transfer.close();
        }
    }

    private void closeStalled() {
        long now = System.nanoTime();
        for (Transfer transfer : transfers) {
            if (now - transfer.lastProgress > readTimeout.toNanos()) {
                transfer.stalled = true;
                transfer.close();
            }
        }
    }

    private static IOException tooLarge(long max) {
        return new IOException("the file is larger than " + max + " bytes, the limit " + Limits.MAX_INPUT_BYTES
                + "; ask the administrator to raise it");
    }

    /** The address as shown in messages: without user info, which may hold a password. */
    private static String shown(URI uri) {
        String text = uri.getUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "");
        return text.length() <= 200 ? text : text.substring(0, 200) + "\u2026";
    }

    /** A body being read, and whether the watchdog found it stalled. */
    private static final class Transfer {
        final InputStream body;
        volatile long lastProgress = System.nanoTime();
        volatile boolean stalled;

        Transfer(InputStream body) {
            this.body = body;
        }

        void close() {
            try {
                body.close();
            } catch (IOException e) {
                // closing to stop it; nothing more to do
            }
        }
    }
}
