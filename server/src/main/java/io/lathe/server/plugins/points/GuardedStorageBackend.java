package io.lathe.server.plugins.points;

import io.lathe.plugin.api.storage.StorageBackend;
import io.lathe.plugin.api.storage.StoredObject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A data store whose every call goes through {@link PluginCalls}. {@link #put} and {@link #list} stream: they may run
 * as long as the plugin keeps reading the content or visiting items, and fail after the time limit without either.
 * {@link #open} must hand back its stream within the limit; reading that stream is the caller's business.
 */
public final class GuardedStorageBackend implements StorageBackend, GuardedInstance {

    private final StorageBackend delegate;
    private final PluginCalls calls;
    private final PluginTarget target;
    private final String executionId;

    public GuardedStorageBackend(StorageBackend delegate, PluginCalls calls, PluginTarget target, String executionId) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.target = Objects.requireNonNull(target, "target");
        this.executionId = executionId;
    }

    /** The same store, recording its faults against {@code id}, the execution its calls are made for. */
    public GuardedStorageBackend forExecution(String id) {
        return new GuardedStorageBackend(delegate, calls, target, id);
    }

    @Override
    public Object unguarded() {
        return delegate;
    }

    /**
     * Stores the content; besides a null answer, a put that returns before it read the content to its end (or to
     * {@code length} bytes, when given) is nonsense: the object would be cut short.
     */
    @Override
    public StoredObject put(String key, InputStream content, long length) {
        PluginCalls.Activity activity = PluginCalls.Activity.streaming();
        WatchedInputStream watched = new WatchedInputStream(content, activity);
        return calls.call(target, "put", executionId, () -> delegate.put(key, watched, length), stored ->
                stored == null ? "no stored object"
                : !watched.ended && (length < 0 || watched.count != length)
                        ? "it returned after reading " + watched.count + " bytes, before the end of the content"
                        : null, activity);
    }

    @Override
    public InputStream open(String key, long offset) {
        return calls.call(target, "open", executionId, () -> delegate.open(key, offset),
                stream -> stream == null ? "no stream" : null);
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        return calls.call(target, "stat", executionId, () -> delegate.stat(key),
                found -> found == null ? "null instead of an empty answer" : null);
    }

    @Override
    public void list(String prefix, Consumer<StoredObject> visitor) {
        PluginCalls.Activity activity = PluginCalls.Activity.streaming();
        boolean[] nullItem = new boolean[1];
        calls.call(target, "list", executionId, () -> {
            delegate.list(prefix, item -> {
                activity.enterCaller();
                try {
                    if (item == null) {
                        nullItem[0] = true;
                    } else {
                        visitor.accept(item);
                    }
                } catch (RuntimeException | Error e) {
                    activity.callerFailed(e);
                    throw e;
                } finally {
                    activity.leaveCaller();
                }
            });
            return Boolean.TRUE;
        }, done -> nullItem[0] ? "a null item" : null, activity);
    }

    @Override
    public void delete(String key) {
        calls.call(target, "delete", executionId, () -> {
            delegate.delete(key);
            return Boolean.TRUE;
        }, done -> null);
    }

    @Override
    public Optional<URI> presignedDownload(String key, Duration validFor) {
        return calls.call(target, "presignedDownload", executionId, () -> delegate.presignedDownload(key, validFor),
                url -> url == null ? "null instead of an empty answer" : null);
    }

    /** Closes the plugin's instance, without a time limit ({@link PluginCalls#close}). */
    @Override
    public void close() {
        calls.close(target, delegate);
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
            activity.enterCaller();
            try {
                int b = super.read();
                if (b < 0) {
                    ended = true;
                } else {
                    count++;
                }
                return b;
            } catch (IOException | RuntimeException | Error e) {
                activity.callerFailed(e);
                throw e;
            } finally {
                activity.leaveCaller();
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            activity.enterCaller();
            try {
                int n = super.read(buffer, offset, length);
                if (n < 0) {
                    ended = true;
                } else {
                    count += n;
                }
                return n;
            } catch (IOException | RuntimeException | Error e) {
                activity.callerFailed(e);
                throw e;
            } finally {
                activity.leaveCaller();
            }
        }

        @Override
        public long skip(long n) throws IOException {
            activity.enterCaller();
            try {
                long skipped = super.skip(n);
                count += skipped;
                return skipped;
            } catch (IOException | RuntimeException | Error e) {
                activity.callerFailed(e);
                throw e;
            } finally {
                activity.leaveCaller();
            }
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
