package io.lathe.server.plugins.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.storage.StorageBackend;
import io.lathe.plugin.api.storage.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The guard around plugin calls, with a one-second limit and a store scripted per test. Faults go to a
 * {@link PluginFaults} without a database, as when the database is down: the caller sees the same failure.
 */
class PluginCallsTest {

    private final PluginCalls calls = withOneSecondLimit();

    /** Guarded calls with a one-second limit, on daemon threads, their faults recorded nowhere. */
    static PluginCalls withOneSecondLimit() {
        return new PluginCalls("1", task -> {
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        }, new PluginFaults());
    }

    @Test
    void theTimeLimitIsAWholeNumberOfSecondsNamedInItsRefusal() {
        assertEquals(5, PluginCalls.parseTimeLimit(" 5 "));
        for (String wrong : new String[] {"0", "-1", "abc", "1.5", "86401"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> PluginCalls.parseTimeLimit(wrong));
            assertEquals("LATHE_PLUGIN_TIME_LIMIT_SECONDS must be a whole number from 1 to 86400, not '" + wrong
                    + "'", refused.getMessage());
        }
    }

    @Test
    void aPutThatKeepsReadingMayTakeLongerThanTheLimit() {
        StorageBackend store = guarded(new Store() {
            @Override
            public StoredObject put(String key, InputStream content, long length) {
                long count = 0;
                try {
                    while (content.read() >= 0) {
                        count++;
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return new StoredObject(key, count, Instant.now());
            }
        });
        long started = System.nanoTime();
        assertEquals(12, store.put("k", new ByteArrayInputStream(new byte[12]), 12).size());
        assertTrue(System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(2000), "longer than the limit");
    }

    @Test
    void aPutThatStopsReadingFailsOnceTheLimitPassedWithoutProgress() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        StorageBackend store = guarded(new Store() {
            @Override
            public StoredObject put(String key, InputStream content, long length) {
                try {
                    content.read();
                    content.read();
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            }
        });
        long started = System.nanoTime();
        PluginCallFailure failure = assertThrows(PluginCallFailure.class,
                () -> store.put("k", new ByteArrayInputStream(new byte[10]), 10));
        long took = System.nanoTime() - started;
        assertEquals("the data store 'test' made no progress on put for 1 s", failure.getMessage());
        assertEquals(PluginCallFailure.Reason.TIME_OUT, failure.reason());
        assertEquals("plugin-timeout", failure.code());
        assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(950) && took < TimeUnit.SECONDS.toNanos(3), "" + took);
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the abandoned call is interrupted");
    }

    @Test
    void timeSpentWaitingOnTheCallersStreamIsNotHeldAgainstThePlugin() {
        StorageBackend store = guarded(new Store() {
            @Override
            public StoredObject put(String key, InputStream content, long length) {
                try {
                    return new StoredObject(key, content.readAllBytes().length, Instant.now());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        InputStream slowClient = new InputStream() {
            private boolean sent;

            @Override
            public int read() {
                if (sent) {
                    return -1;
                }
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sent = true;
                return 7;
            }
        };
        assertEquals(1, store.put("k", slowClient, -1).size());
    }

    @Test
    void whatTheCallersStreamThrowsIsTheCallersFailureNotAFaultOfThePlugin() {
        StorageBackend store = guarded(new Store() {
            @Override
            public StoredObject put(String key, InputStream content, long length) {
                try {
                    content.readAllBytes();
                } catch (IOException e) {
                    throw new PluginException("write-failed", "could not write: " + e.getMessage());
                }
                return new StoredObject(key, 0, Instant.now());
            }
        });
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the client went away");
            }
        };
        UncheckedIOException failure = assertThrows(UncheckedIOException.class, () -> store.put("k", broken, -1));
        assertEquals("the client went away", failure.getCause().getMessage());
    }

    @Test
    void aPutThatReturnsBeforeTheEndOfTheContentIsNonsense() {
        StorageBackend store = guarded(new Store() {
            @Override
            public StoredObject put(String key, InputStream content, long length) {
                try {
                    return new StoredObject(key, content.readNBytes(3).length, Instant.now());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        PluginCallFailure failure = assertThrows(PluginCallFailure.class,
                () -> store.put("k", new ByteArrayInputStream(new byte[10]), -1));
        assertEquals("the data store 'test' answered put with nonsense: it returned after reading 3 bytes, before the"
                + " end of the content", failure.getMessage());
        assertEquals(PluginCallFailure.Reason.NONSENSE, failure.reason());
        assertEquals(3, guarded(new Store() {
            @Override
            public StoredObject put(String key, InputStream content, long length) {
                try {
                    return new StoredObject(key, content.readNBytes(3).length, Instant.now());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }).put("k", new ByteArrayInputStream(new byte[3]), 3).size(), "a known length read whole is the end");
    }

    @Test
    void whatAPluginThrowsBecomesAFailureNamingTheInstanceAndTheCall() {
        PluginCallFailure crashed = assertThrows(PluginCallFailure.class, () -> guarded(new Store() {
            @Override
            public InputStream open(String key, long offset) {
                throw new LinkageError("a class went missing");
            }
        }).open("k", 0));
        // In words for the user; the class stays in the log and the fault record.
        assertEquals("the data store 'test' failed open: a class could not be loaded; the plugin may be built for"
                + " another version of Lathe or be damaged", crashed.getMessage());
        assertEquals("plugin-error", crashed.code());

        PluginCallFailure refused = assertThrows(PluginCallFailure.class, () -> guarded(new Store() {
            @Override
            public InputStream open(String key, long offset) {
                throw new PluginException("object-not-found", "no object 'k'");
            }
        }).open("k", 0));
        assertEquals("the data store 'test' failed open: no object 'k'", refused.getMessage());
        assertEquals("object-not-found", refused.code());

        PluginCallFailure nonsense = assertThrows(PluginCallFailure.class, () -> guarded(new Store()).open("k", 0));
        assertEquals("the data store 'test' answered open with nonsense: no stream", nonsense.getMessage());
    }

    @Test
    void aCallThatHangsAndIgnoresInterruptsKeepsNoOtherCallWaiting() {
        StorageBackend store = guarded(new Store() {
            @Override
            public Optional<StoredObject> stat(String key) {
                if (key.equals("hangs")) {
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                }
                return Optional.empty();
            }
        });
        PluginCallFailure failure = assertThrows(PluginCallFailure.class, () -> store.stat("hangs"));
        assertEquals("the data store 'test' did not answer stat within 1 s", failure.getMessage());
        long started = System.nanoTime();
        assertEquals(Optional.empty(), store.stat("answers"));
        assertTrue(System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(500), "answered at once");
    }

    @Test
    void aListMayTakeAsLongAsItVisitsItemsAndANullItemIsNonsense() {
        StorageBackend steady = guarded(new Store() {
            @Override
            public void list(String prefix, Consumer<StoredObject> visitor) {
                for (int i = 0; i < 6; i++) {
                    visitor.accept(new StoredObject("k" + i, 1, Instant.now()));
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        });
        int[] seen = new int[1];
        steady.list("", item -> seen[0]++);
        assertEquals(6, seen[0]);

        StorageBackend nulls = guarded(new Store() {
            @Override
            public void list(String prefix, Consumer<StoredObject> visitor) {
                visitor.accept(null);
            }
        });
        assertEquals("the data store 'test' answered list with nonsense: a null item",
                assertThrows(PluginCallFailure.class, () -> nulls.list("", item -> { })).getMessage());
    }

    private StorageBackend guarded(StorageBackend store) {
        return ExtensionPoints.STORAGE.guard(store, new GuardedCalls(calls,
                new PluginTarget("test-plugin", ExtensionPoints.STORAGE, "test")));
    }

    /** Answers null or nothing to everything; each test overrides what it needs. */
    private static class Store implements StorageBackend {
        @Override
        public StoredObject put(String key, InputStream content, long length) {
            return null;
        }

        @Override
        public InputStream open(String key, long offset) {
            return null;
        }

        @Override
        public Optional<StoredObject> stat(String key) {
            return Optional.empty();
        }

        @Override
        public void list(String prefix, Consumer<StoredObject> visitor) {
        }

        @Override
        public void delete(String key) {
        }

        @Override
        public void close() {
        }
    }
}
