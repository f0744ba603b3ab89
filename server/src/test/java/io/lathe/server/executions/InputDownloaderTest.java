package io.lathe.server.executions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.lathe.server.platform.Limits;
import io.lathe.server.platform.OutboundAddresses;
import io.lathe.server.platform.TemporaryFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader of http(s) inputs against a real HTTP server on the loopback address. */
class InputDownloaderTest {

    @TempDir
    Path scratch;

    private HttpServer server;
    private int port;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/file", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/big", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[100_000]);
            }
        });
        server.createContext("/to-loopback", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port + "/file");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/to-metadata", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 600; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (InterruptedException | IOException e) {
                // the client went away
            }
        });
        server.createContext("/silent", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try {
                exchange.getResponseBody().write('x');
                exchange.getResponseBody().flush();
                Thread.sleep(30_000);
            } catch (InterruptedException | IOException e) {
                // the client went away
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private InputDownloader downloader(String allowlist, long maxInputBytes) {
        InputDownloader downloader = new InputDownloader();
        downloader.temporaryFiles = new TemporaryFiles() {
            @Override
            public Path create(String prefix) {
                try {
                    return Files.createTempFile(scratch, prefix, ".tmp");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        downloader.addresses = new OutboundAddresses(Optional.ofNullable(allowlist));
        downloader.limits = new Limits("1", "1", "1", "1", "1", "1", "1", Long.toString(maxInputBytes));
        downloader.startWatchdog();
        return downloader;
    }

    @Test
    void anAllowedHostIsFetchedWithItsSizeAndHash() throws IOException {
        InputDownloader.Download download = downloader("localhost", 1_000)
                .download("http://localhost:" + port + "/file", "e1");
        assertEquals("hello", Files.readString(download.file()));
        assertEquals(5, download.size());
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", download.sha256());
    }

    @Test
    void loopbackAndPrivateAddressesAreRefusedUnlessAllowed() {
        IOException refused = assertThrows(IOException.class,
                () -> downloader(null, 1_000).download("http://127.0.0.1:" + port + "/file", "e1"));
        assertTrue(refused.getMessage().contains(OutboundAddresses.ALLOWLIST), refused.getMessage());
        for (String address : new String[] {"http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/x",
                "http://[::1]:" + port + "/file", "http://[fd00::1]/x", "http://0.0.0.0:" + port + "/file",
                "http://[::ffff:127.0.0.1]:" + port + "/file", "http://100.64.0.1/x", "ftp://localhost/x"}) {
            assertThrows(IOException.class, () -> downloader(null, 1_000).download(address, "e1"), address);
        }
        assertNoScratchLeft();
    }

    @Test
    void everyRedirectHopIsCheckedAgain() {
        // The host name is allowed, the address it redirects to is not.
        IOException toLoopback = assertThrows(IOException.class, () -> downloader("localhost", 1_000)
                .download("http://localhost:" + port + "/to-loopback", "e1"));
        assertTrue(toLoopback.getMessage().startsWith("redirected to http://127.0.0.1:"), toLoopback.getMessage());
        IOException toMetadata = assertThrows(IOException.class, () -> downloader("localhost", 1_000)
                .download("http://localhost:" + port + "/to-metadata", "e1"));
        assertTrue(toMetadata.getMessage().contains("169.254.169.254"), toMetadata.getMessage());
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedAndNotKept() {
        IOException tooLarge = assertThrows(IOException.class,
                () -> downloader("localhost", 10_000).download("http://localhost:" + port + "/big", "e1"));
        assertTrue(tooLarge.getMessage().contains(Limits.MAX_INPUT_BYTES), tooLarge.getMessage());
        assertNoScratchLeft();
    }

    @Test
    void cancellingADownloadEndsItWithinASecond() throws Exception {
        InputDownloader downloader = downloader("localhost", 1_000_000);
        CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
            try {
                return downloader.download("http://localhost:" + port + "/slow", "e-stop");
            } catch (IOException e) {
                return e;
            }
        });
        Thread.sleep(500);
        long cancelled = System.nanoTime();
        downloader.cancel("e-stop");
        Object outcome = running.get(5, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - cancelled < Duration.ofSeconds(1).toNanos(), "ended within a second");
        assertTrue(outcome instanceof IOException e && e.getMessage().contains("stopped"), String.valueOf(outcome));
        assertNoScratchLeft();
    }

    @Test
    void aServerThatStopsSendingIsGivenUpOn() {
        InputDownloader downloader = downloader("localhost", 1_000);
        downloader.readTimeout = Duration.ofMillis(500);
        IOException stalled = assertThrows(IOException.class,
                () -> downloader.download("http://localhost:" + port + "/silent", "e1"));
        assertTrue(stalled.getMessage().contains("no data arrived"), stalled.getMessage());
        assertNoScratchLeft();
    }

    private void assertNoScratchLeft() {
        try (Stream<Path> left = Files.list(scratch)) {
            assertFalse(left.findAny().isPresent(), "nothing left in the scratch folder");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
