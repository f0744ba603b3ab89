package io.lathe.plugins.storage.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.RetriablePluginException;
import io.lathe.plugin.api.config.Settings;
import io.lathe.plugin.api.storage.StorageBackend;
import io.lathe.plugin.api.storage.StoredObject;
import io.lathe.plugin.api.testkit.PatternInputStream;
import io.lathe.plugin.api.testkit.TestPluginContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** What S3 adds to the storage contract: multipart uploads, presigned URLs, prefixes and errors a person can act on. */
class S3StorageBackendTest {

    private static final int MIB = 1024 * 1024;

    private static S3ProxyServer server;
    private static S3Client rawClient;

    @TempDir
    Path tempDir;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.inMemory();
        rawClient = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .forcePathStyle(true)
                // s3proxy refuses the SDK's default trailing checksums ("x-amz-content-sha256 does not match").
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                .build();
    }

    @AfterAll
    static void stopServer() throws Exception {
        rawClient.close();
        server.close();
    }

    @Test
    @Timeout(120)
    void aStreamOfUnknownLengthLargerThanAPartIsUploadedInParts() throws IOException {
        String bucket = server.createBucket();
        long size = 53L * MIB + 17;
        try (StorageBackend backend = create(bucket, Map.of("part-size-mib", "5"))) {
            StoredObject stored = backend.put("big/unknown.bin", new PatternInputStream(size, 7), -1);

            assertEquals(size, stored.size());
            assertEquals(size, backend.stat("big/unknown.bin").orElseThrow().size());
            assertTrue(eTag(bucket, "big/unknown.bin").endsWith("-11\""), "not 11 parts: " + eTag(bucket,
                    "big/unknown.bin"));
            try (InputStream in = backend.open("big/unknown.bin", 0)) {
                assertEquals(PatternInputStream.sha256(size, 7), PatternInputStream.sha256(in));
            }
        }
    }

    @Test
    @Timeout(120)
    void contentOfExactlyOnePartIsOnePutAndOfTwoPartsTwoParts() throws IOException {
        String bucket = server.createBucket();
        try (StorageBackend backend = create(bucket, Map.of("part-size-mib", "5"))) {
            backend.put("one", new PatternInputStream(5L * MIB, 1), -1);
            backend.put("two", new PatternInputStream(10L * MIB, 2), 10L * MIB);

            assertFalse(eTag(bucket, "one").contains("-"), "a multipart upload for one part: " + eTag(bucket, "one"));
            assertTrue(eTag(bucket, "two").endsWith("-2\""), "not 2 parts: " + eTag(bucket, "two"));
            try (InputStream in = backend.open("two", 0)) {
                assertEquals(PatternInputStream.sha256(10L * MIB, 2), PatternInputStream.sha256(in));
            }
        }
    }

    @Test
    @Timeout(120)
    void aFailingStreamAbortsTheMultipartUploadAndStoresNothing() {
        String bucket = server.createBucket();
        try (StorageBackend backend = create(bucket, Map.of("part-size-mib", "5"))) {
            InputStream failing = new FailingAfter(new PatternInputStream(20L * MIB, 3), 12L * MIB);

            PluginException thrown = assertThrows(PluginException.class, () -> backend.put("broken", failing, -1));

            assertEquals("content-unreadable", thrown.code());
            assertTrue(backend.stat("broken").isEmpty());
            assertEquals(List.of(), rawClient.listMultipartUploads(b -> b.bucket(bucket)).uploads(),
                    "the multipart upload was left behind");
        }
    }

    @Test
    void contentShorterThanItsAnnouncedLengthIsRefused() {
        String bucket = server.createBucket();
        try (StorageBackend backend = create(bucket, Map.of())) {
            PluginException thrown = assertThrows(PluginException.class,
                    () -> backend.put("short", new ByteArrayInputStream(new byte[5]), 10));

            assertEquals("length-mismatch", thrown.code());
            assertTrue(backend.stat("short").isEmpty());
        }
    }

    @Test
    void aPresignedUrlNamesTheObjectUnderThePrefixAndExpires() throws Exception {
        String bucket = server.createBucket();
        try (StorageBackend backend = create(bucket, Map.of("prefix", "lathe/prod"))) {
            backend.put("a.txt", new ByteArrayInputStream("abc".getBytes(UTF_8)), 3);

            URI url = backend.presignedDownload("a.txt", Duration.ofSeconds(1)).orElseThrow();

            assertTrue(url.getRawPath().equals("/" + bucket + "/lathe/prod/a.txt"), url.toString());
            Thread.sleep(2_500);
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, response.statusCode(), "an expired URL still works: " + response.body());
        }
    }

    @Test
    void aPresignedUrlMayNotOutliveSevenDays() {
        try (StorageBackend backend = create(server.createBucket(), Map.of())) {
            assertThrows(IllegalArgumentException.class,
                    () -> backend.presignedDownload("a", Duration.ofDays(7).plusSeconds(1)));
        }
    }

    @Test
    void dataStoresWithDifferentPrefixesInOneBucketDoNotSeeEachOther() {
        String bucket = server.createBucket();
        try (StorageBackend first = create(bucket, Map.of("prefix", "first"));
                StorageBackend second = create(bucket, Map.of("prefix", "second/"));
                StorageBackend whole = create(bucket, Map.of())) {
            first.put("same/key", new ByteArrayInputStream("1".getBytes(UTF_8)), 1);
            second.put("same/key", new ByteArrayInputStream("22".getBytes(UTF_8)), 2);

            assertEquals(List.of("same/key"), keys(first, ""));
            assertEquals(1, first.stat("same/key").orElseThrow().size());
            assertEquals(2, second.stat("same/key").orElseThrow().size());
            assertEquals(List.of("first/same/key", "second/same/key"), keys(whole, ""));

            first.delete("same/key");
            assertTrue(second.stat("same/key").isPresent(), "deleting in one data store removed the other's object");
        }
    }

    @Test
    void putTellsTheTimeByTheContextsClock() {
        Instant fixed = Instant.parse("2026-01-02T03:04:05Z");
        S3StorageBackendFactory factory = new S3StorageBackendFactory();
        Map<String, String> given = server.settings(server.createBucket(), Map.of());
        try (StorageBackend backend = factory.create(Settings.of(factory.configProperties(), given),
                new TestPluginContext(tempDir).fixedAt(fixed))) {
            assertEquals(fixed, backend.put("timed", new ByteArrayInputStream(new byte[] {1}), 1).lastModified());
        }
    }

    @Test
    void folderMarkersMadeByBucketConsolesAreNotListed() {
        String bucket = server.createBucket();
        rawClient.putObject(b -> b.bucket(bucket).key("store/made-in-a-console/"), RequestBody.empty());
        rawClient.putObject(b -> b.bucket(bucket).key("store/"), RequestBody.empty());
        try (StorageBackend backend = create(bucket, Map.of("prefix", "store"))) {
            backend.put("made-in-a-console/real", new ByteArrayInputStream(new byte[] {1}), 1);

            assertEquals(List.of("made-in-a-console/real"), keys(backend, ""));
        }
    }

    @Test
    void aMissingBucketIsNamedWithItsEndpoint() {
        PluginException thrown = assertThrows(PluginException.class, () -> create("no-such-bucket", Map.of()));

        assertEquals("bucket-not-found", thrown.code());
        assertEquals("bucket 'no-such-bucket' does not exist at " + server.endpoint()
                + ": create it, or correct the bucket setting", thrown.getMessage());
    }

    @Test
    void anUnknownAccessKeyIsRefusedByName() {
        PluginException thrown = assertThrows(PluginException.class,
                () -> create(server.createBucket(), Map.of("access-key", "nobody")));

        assertEquals("access-key-refused", thrown.code());
        assertEquals(server.endpoint() + " refused access key 'nobody': it does not know it; check the access-key "
                + "setting", thrown.getMessage());
    }

    @Test
    void aWrongSecretKeyIsRefused() {
        PluginException thrown = assertThrows(PluginException.class,
                () -> create(server.createBucket(), Map.of("secret-key", "not-the-secret")));

        assertEquals("secret-key-refused", thrown.code());
        assertEquals(server.endpoint() + " refused the secret key of access key '" + S3ProxyServer.ACCESS_KEY
                + "': the request signature does not match; check the secret-key setting (and the region)",
                thrown.getMessage());
        assertFalse(thrown.getMessage().contains("not-the-secret"), "the message shows the secret");
    }

    @Test
    @Timeout(60)
    void anUnreachableEndpointIsRetriable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + closedPort;

        PluginException thrown = assertThrows(PluginException.class,
                () -> create("any-bucket", Map.of("endpoint", endpoint)));

        assertInstanceOf(RetriablePluginException.class, thrown);
        assertEquals("endpoint-unreachable", thrown.code());
        String message = thrown.getMessage();
        assertTrue(message.startsWith("could not list bucket 'any-bucket' at " + endpoint + ": cannot reach "
                + endpoint + " (") && message.endsWith("Connection refused); check the endpoint setting and that "
                + "the server is up"), message);
    }

    private StorageBackend create(String bucket, Map<String, String> more) {
        S3StorageBackendFactory factory = new S3StorageBackendFactory();
        Map<String, String> given = server.settings(bucket, more);
        assertEquals(List.of(), factory.validate(given));
        return factory.create(Settings.of(factory.configProperties(), given), new TestPluginContext(tempDir));
    }

    private static String eTag(String bucket, String key) {
        return rawClient.headObject(b -> b.bucket(bucket).key(key)).eTag();
    }

    private static List<String> keys(StorageBackend backend, String prefix) {
        List<String> keys = new ArrayList<>();
        backend.list(prefix, object -> keys.add(object.key()));
        return keys;
    }

    /** Gives the bytes of another stream, then fails as a broken connection would. */
    private static final class FailingAfter extends InputStream {
        private final InputStream content;
        private long left;

        FailingAfter(InputStream content, long failAfter) {
            this.content = content;
            this.left = failAfter;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (left <= 0) {
                throw new IOException("connection reset by the client");
            }
            int n = content.read(buffer, offset, (int) Math.min(count, left));
            left -= n;
            return n;
        }
    }
}
