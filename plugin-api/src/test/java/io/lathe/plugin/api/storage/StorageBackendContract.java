package io.lathe.plugin.api.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.testkit.PatternInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link StorageBackend} must show. A backend's test extends this class and says how to make a
 * new, empty instance; JUnit then runs the inherited tests against it:
 *
 * <pre>{@code
 * class S3StorageBackendContractTest extends StorageBackendContract {
 *     @Override
 *     protected StorageBackend createBackend(Path tempDir) {
 *         return new S3StorageBackendFactory().create(Settings.of(...), new TestPluginContext(tempDir));
 *     }
 * }
 * }</pre>
 *
 * <p>Each test asks for its backend on first use (so fixtures a subclass sets up in its own {@code @BeforeEach}
 * are ready by then) and closes it after the test. Keys in these tests are ASCII unless a test says otherwise, so
 * "key order" means the same in UTF-16 and UTF-8. Invalid keys must be refused with an
 * {@link IllegalArgumentException}, as {@link StorageKeys#requireValid(String)} does. Test methods are public so
 * that a backend that truly cannot meet one may override it, and must then say why.
 */
public abstract class StorageBackendContract {

    private Path tempDir;
    private StorageBackend backend;

    /**
     * Makes a new instance that holds no objects.
     *
     * @param tempDir a folder private to the current test, deleted after it
     */
    protected abstract StorageBackend createBackend(Path tempDir) throws Exception;

    /** The size of the object that checks streaming; 64 MiB unless a slow backend needs less. */
    protected long largeObjectSize() {
        return 64L * 1024 * 1024;
    }

    /** The backend under test, created on first use. */
    protected final StorageBackend backend() {
        if (backend == null) {
            try {
                backend = createBackend(tempDir);
            } catch (Exception e) {
                throw new AssertionError("could not create the backend under test", e);
            }
        }
        return backend;
    }

    @BeforeEach
    final void rememberTempDir(@TempDir Path tempDir) {
        this.tempDir = tempDir;
    }

    @AfterEach
    final void closeBackend() {
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }

    @Test
    public void putThenOpenGivesBackTheSameBytes() {
        byte[] content = "a small object\n".getBytes(UTF_8);

        StoredObject stored = backend().put("projects/1/a.txt", new ByteArrayInputStream(content), content.length);

        assertEquals("projects/1/a.txt", stored.key());
        assertEquals(content.length, stored.size());
        assertArrayEquals(content, read("projects/1/a.txt", 0));
    }

    @Test
    public void putWithUnknownLengthStoresTheWholeStream() {
        byte[] content = "length not given in advance".getBytes(UTF_8);

        StoredObject stored = backend().put("unknown-length.bin", new ByteArrayInputStream(content), -1);

        assertEquals(content.length, stored.size());
        assertArrayEquals(content, read("unknown-length.bin", 0));
    }

    @Test
    public void putOfAnEmptyStreamStoresAnEmptyObject() {
        StoredObject stored = backend().put("empty", new ByteArrayInputStream(new byte[0]), 0);

        assertEquals(0, stored.size());
        assertEquals(0, backend().stat("empty").orElseThrow().size());
        assertArrayEquals(new byte[0], read("empty", 0));
    }

    @Test
    public void putLeavesTheCallersStreamOpen() {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream content = new FilterInputStream(new ByteArrayInputStream(new byte[] {1, 2, 3})) {
            @Override
            public void close() {
                closed.set(true);
            }
        };

        backend().put("not-closed", content, 3);

        assertFalse(closed.get(), "put closed the stream it was given");
    }

    @Test
    public void keysWithSpacesAndNonAsciiCharactersRoundTrip() {
        String key = "files/my file (1)/d\u00e9j\u00e0 vu \u6570\u636e.txt";
        byte[] content = "x".getBytes(UTF_8);

        backend().put(key, new ByteArrayInputStream(content), content.length);

        assertArrayEquals(content, read(key, 0));
        assertEquals(List.of(key), listKeys("files/"));
    }

    @Test
    public void openFromAnOffsetSkipsTheBytesBeforeIt() {
        put("digits", "0123456789");

        assertEquals("3456789", new String(read("digits", 3), UTF_8));
        assertEquals("9", new String(read("digits", 9), UTF_8));
        assertEquals("", new String(read("digits", 10), UTF_8));
    }

    @Test
    public void openOfAMissingKeyThrowsObjectNotFound() {
        PluginException thrown = assertThrows(PluginException.class, () -> backend().open("no/such/key", 0));

        assertEquals("object-not-found", thrown.code());
    }

    @Test
    public void statOfAMissingKeyIsEmpty() {
        assertEquals(Optional.empty(), backend().stat("no/such/key"));
    }

    @Test
    public void statOfAStoredKeyDescribesIt() {
        Instant before = Instant.now();
        put("described/object.bin", "12345");

        StoredObject object = backend().stat("described/object.bin").orElseThrow();

        assertEquals("described/object.bin", object.key());
        assertEquals(5, object.size());
        // Loose bounds: remote stores keep their own clocks and some file systems round to seconds.
        Duration skew = Duration.ofMinutes(5);
        assertTrue(object.lastModified().isAfter(before.minus(skew)), "lastModified " + object.lastModified());
        assertTrue(object.lastModified().isBefore(Instant.now().plus(skew)), "lastModified " + object.lastModified());
    }

    @Test
    public void statOfAKeyPrefixThatIsNoObjectIsEmpty() {
        put("parent/child", "x");

        assertEquals(Optional.empty(), backend().stat("parent"));
    }

    @Test
    public void listVisitsKeysWithThePrefixInKeyOrder() {
        // Chosen so that a plain depth-first folder walk gets the order wrong: '-' < '/' < '0'.
        for (String key : List.of("list/b", "list/a0", "list/a/c/d", "list/a-c", "list/a/b", "lis", "listing/x")) {
            put(key, key);
        }

        assertEquals(List.of("list/a-c", "list/a/b", "list/a/c/d", "list/a0", "list/b"), listKeys("list/"));
        assertEquals(List.of("list/a-c", "list/a/b", "list/a/c/d", "list/a0"), listKeys("list/a"));
        assertEquals(List.of("list/a/b", "list/a/c/d"), listKeys("list/a/"));
        assertEquals(List.of("list/a-c", "list/a/b", "list/a/c/d", "list/a0", "list/b", "listing/x"),
                listKeys("list"));
    }

    @Test
    public void listWithAnEmptyPrefixVisitsEveryObject() {
        put("b/2", "x");
        put("a", "x");
        put("b/1", "x");

        assertEquals(List.of("a", "b/1", "b/2"), listKeys(""));
    }

    @Test
    public void listReportsTheSizeOfEachObject() {
        put("sized/one", "1");
        put("sized/three", "333");

        List<StoredObject> objects = new ArrayList<>();
        backend().list("sized/", objects::add);

        assertEquals(2, objects.size());
        assertEquals(1, objects.get(0).size());
        assertEquals(3, objects.get(1).size());
    }

    @Test
    public void listOfAPrefixNothingHasVisitsNothing() {
        put("something", "x");

        assertEquals(List.of(), listKeys("nothing/"));
        assertEquals(List.of(), listKeys("somethingelse"));
    }

    @Test
    public void deleteRemovesTheObject() {
        put("doomed/object", "x");
        put("doomed/neighbour", "y");

        backend().delete("doomed/object");

        assertEquals(Optional.empty(), backend().stat("doomed/object"));
        assertEquals(List.of("doomed/neighbour"), listKeys("doomed/"));
        PluginException thrown = assertThrows(PluginException.class, () -> backend().open("doomed/object", 0));
        assertEquals("object-not-found", thrown.code());
    }

    @Test
    public void deleteOfAMissingKeyIsNoError() {
        assertDoesNotThrow(() -> backend().delete("never/stored"));
    }

    @Test
    public void aKeyCanBeStoredAgainAfterItsDeletion() {
        put("again/object", "first");
        backend().delete("again/object");

        put("again/object", "second");

        assertEquals("second", new String(read("again/object", 0), UTF_8));
    }

    @Test
    public void overwritingReplacesTheContent() {
        put("replaced", "the old, longer content");

        put("replaced", "new");

        assertEquals("new", new String(read("replaced", 0), UTF_8));
        assertEquals(3, backend().stat("replaced").orElseThrow().size());
        assertEquals(List.of("replaced"), listKeys(""));
    }

    @Test
    @Timeout(60)
    public void readersSeeTheOldContentUntilAnOverwriteCompletes() throws Exception {
        byte[] oldContent = filled('o', 256 * 1024);
        byte[] newContent = filled('n', 512 * 1024);
        backend().put("atomic", new ByteArrayInputStream(oldContent), oldContent.length);
        StallingInputStream stalling = new StallingInputStream(newContent, newContent.length / 2);
        StorageBackend backend = backend();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<StoredObject> put = executor.submit(() -> backend.put("atomic", stalling, newContent.length));
            assertTrue(stalling.halfRead.await(30, SECONDS), "the backend did not read the content");

            assertArrayEquals(oldContent, read("atomic", 0), "a reader saw a partly written object");
            assertEquals(oldContent.length, backend().stat("atomic").orElseThrow().size());

            stalling.mayFinish.countDown();
            put.get(30, SECONDS);
            assertArrayEquals(newContent, read("atomic", 0));
        } finally {
            stalling.mayFinish.countDown();
            executor.shutdownNow();
        }
    }

    @Test
    @Timeout(120)
    public void concurrentPutsOfDifferentKeysAllLand() throws Exception {
        StorageBackend backend = backend();
        int threads = 8;
        int keysPerThread = 8;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            tasks.add(() -> {
                for (int k = 0; k < keysPerThread; k++) {
                    String key = "concurrent/" + thread + "/" + k;
                    backend.put(key, new PatternInputStream(100_000 + k, key.hashCode()), -1);
                }
                return null;
            });
        }
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            for (Future<Void> done : executor.invokeAll(tasks)) {
                done.get();
            }
        } finally {
            executor.shutdownNow();
        }

        assertEquals(threads * keysPerThread, listKeys("concurrent/").size());
        for (int t = 0; t < threads; t++) {
            for (int k = 0; k < keysPerThread; k++) {
                String key = "concurrent/" + t + "/" + k;
                try (InputStream in = backend().open(key, 0)) {
                    assertEquals(PatternInputStream.sha256(100_000 + k, key.hashCode()),
                            PatternInputStream.sha256(in), key);
                }
            }
        }
    }

    @Test
    @Timeout(300)
    public void aLargeObjectRoundTripsAsAStream() throws IOException {
        long size = largeObjectSize();
        long seed = 42;

        StoredObject stored = backend().put("large/object.bin", new PatternInputStream(size, seed), size);

        assertEquals(size, stored.size());
        assertEquals(size, backend().stat("large/object.bin").orElseThrow().size());
        try (InputStream in = backend().open("large/object.bin", 0)) {
            assertEquals(PatternInputStream.sha256(size, seed), PatternInputStream.sha256(in));
        }
    }

    @Test
    public void invalidKeysAreRefused() {
        for (String key : List.of("", "/absolute", "a/../b", "..", "a//b", "a/./b", "trailing/", "back\\slash")) {
            assertThrows(IllegalArgumentException.class,
                    () -> backend().put(key, new ByteArrayInputStream(new byte[] {1}), 1), "put " + key);
            assertThrows(IllegalArgumentException.class, () -> backend().open(key, 0), "open " + key);
            assertThrows(IllegalArgumentException.class, () -> backend().stat(key), "stat " + key);
            assertThrows(IllegalArgumentException.class, () -> backend().delete(key), "delete " + key);
        }
        assertEquals(List.of(), listKeys(""));
    }

    @Test
    @Timeout(60)
    public void aPresignedDownloadGivesTheObjectsBytesToAPlainHttpGet() throws Exception {
        put("shared/report 1.txt", "the bytes behind the link");

        Optional<URI> url = backend().presignedDownload("shared/report 1.txt", Duration.ofMinutes(5));

        assumeTrue(url.isPresent(), "this backend offers no presigned downloads");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url.get()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), () -> new String(response.body(), UTF_8));
        assertEquals("the bytes behind the link", new String(response.body(), UTF_8));
    }

    @Test
    public void presignedDownloadRefusesInvalidKeysAndValidities() {
        assertThrows(IllegalArgumentException.class,
                () -> backend().presignedDownload("../escape", Duration.ofMinutes(5)));
        assertThrows(IllegalArgumentException.class, () -> backend().presignedDownload("a", Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> backend().presignedDownload("a", Duration.ofSeconds(-1)));
    }

    @Test
    public void closingTwiceIsHarmless() {
        StorageBackend instance = backend();

        instance.close();

        assertDoesNotThrow(instance::close);
    }

    /** Stores {@code text} as UTF-8 under {@code key}. */
    protected final void put(String key, String text) {
        byte[] content = text.getBytes(UTF_8);
        backend().put(key, new ByteArrayInputStream(content), content.length);
    }

    /** Reads the object under {@code key} from {@code offset} to its end; for small objects only. */
    protected final byte[] read(String key, long offset) {
        try (InputStream in = backend().open(key, offset)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keys {@link StorageBackend#list} visits for {@code prefix}, in the order it visits them. */
    protected final List<String> listKeys(String prefix) {
        List<String> keys = new ArrayList<>();
        backend().list(prefix, object -> keys.add(object.key()));
        return keys;
    }

    private static byte[] filled(char c, int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    /** Gives the first {@code pause} bytes, then waits until the test lets it give the rest. */
    private static final class StallingInputStream extends InputStream {
        final CountDownLatch halfRead = new CountDownLatch(1);
        final CountDownLatch mayFinish = new CountDownLatch(1);
        private final byte[] content;
        private final int pause;
        private int position;

        StallingInputStream(byte[] content, int pause) {
            this.content = content;
            this.pause = pause;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (position == pause) {
                halfRead.countDown();
                try {
                    if (!mayFinish.await(30, SECONDS)) {
                        throw new IOException("the test never let the stream finish");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            if (position >= content.length) {
                return -1;
            }
            int limit = position < pause ? pause : content.length;
            int n = Math.min(count, limit - position);
            System.arraycopy(content, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
