package io.lathe.server.plugins.points;

import io.lathe.plugin.api.storage.StorageBackend;
import io.lathe.plugin.api.storage.StoredObject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The guard of a data store. {@link #put} and {@link #list} stream: they may run as long as the plugin keeps reading
 * the content or visiting items, and fail after the time limit without either. {@link #open} must hand back its
 * stream within the limit; reading that stream is the caller's business.
 */
final class GuardedStorageBackend extends GuardedInstance<StorageBackend> implements StorageBackend {

    private static final String NO_OPTIONAL = "null instead of an empty answer";

    GuardedStorageBackend(StorageBackend delegate, GuardedCalls calls) {
        super(delegate, calls);
    }

    /**
     * Stores the content; besides a null answer, a put that returns before it read the content to its end (or to
     * {@code length} bytes, when given) is nonsense: the object would be cut short.
     */
    @Override
    public StoredObject put(String key, InputStream content, long length) {
        PluginCalls.Activity activity = PluginCalls.Activity.streaming();
        WatchedInputStream watched = new WatchedInputStream(content, activity);
        return calls.call("put", () -> delegate.put(key, watched, length), stored ->
                stored == null ? "no stored object"
                : !watched.ended && (length < 0 || watched.count != length)
                        ? "it returned after reading " + watched.count + " bytes, before the end of the content"
                        : null, activity);
    }

    @Override
    public InputStream open(String key, long offset) {
        return calls.call("open", () -> delegate.open(key, offset), stream -> stream == null ? "no stream" : null);
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        return calls.call("stat", () -> delegate.stat(key), found -> found == null ? NO_OPTIONAL : null);
    }

    /** Each item the plugin visits is progress; a null item is nonsense. */
    @Override
    public void list(String prefix, Consumer<StoredObject> visitor) {
        PluginCalls.Activity activity = PluginCalls.Activity.streaming();
        boolean[] nullItem = new boolean[1];
        calls.call("list", () -> {
            delegate.list(prefix, item -> activity.onCallerSide(() -> {
                if (item == null) {
                    nullItem[0] = true;
                } else {
                    visitor.accept(item);
                }
                return null;
            }));
            return Boolean.TRUE;
        }, done -> nullItem[0] ? "a null item" : null, activity);
    }

    @Override
    public void delete(String key) {
        calls.run("delete", () -> delegate.delete(key));
    }

    @Override
    public Optional<URI> presignedDownload(String key, Duration validFor) {
        return calls.call("presignedDownload", () -> delegate.presignedDownload(key, validFor),
                url -> url == null ? NO_OPTIONAL : null);
    }

    /**
     * The caller's content as the plugin reads it: each read is progress, time spent waiting on the caller's stream
     * is not the plugin's, and what that stream throws is the caller's failure, not a fault of the plugin.
     */
    private static final class WatchedInputStream extends FilterInputStream {

        private final PluginCalls.Activity activity;
        private volatile long count;
        private volatile boolean ended;

        WatchedInputStream(InputStream in, PluginCalls.Activity activity) {
            super(in);
            this.activity = activity;
        }

        @Override
        public int read() throws IOException {
            int b = activity.onCallerSide(super::read);
            counted(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return counted(activity.onCallerSide(() -> super.read(buffer, offset, length)));
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = activity.onCallerSide(() -> super.skip(n));
            count += skipped;
            return skipped;
        }

        /** Counts {@code n} bytes read, or the end when it is negative. */
        private int counted(int n) {
            if (n < 0) {
                ended = true;
            } else {
                count += n;
            }
            return n;
        }

        @Override
        public boolean markSupported() {
            // A reset would make the count of bytes read, and so the check that put read them all, wrong.
            return false;
        }

        @Override
        public void close() {
            // The caller owns its stream: put must not close it (StorageBackend#put).
        }
    }
}
