package io.lathe.plugin.api.storage;

import java.io.InputStream;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A configured data store: a flat namespace of objects addressed by key.
 *
 * <p>Keys are relative slash-separated paths made by the server (e.g. {@code projects/7/datums/ab12/model.pkl});
 * they never start with {@code /}, never contain {@code ..} segments, backslashes or empty segments. An object is
 * written once; the server never overwrites a key it has written, but a backend must still replace an object
 * atomically if asked to (readers see the old bytes or the new, never a mix).
 *
 * <p>Streaming: no method may hold a whole object in memory. Threading: every method may be called concurrently
 * for different keys. Errors: {@link io.lathe.plugin.api.PluginException} with a code such as
 * {@code object-not-found} or {@code access-denied}; {@link io.lathe.plugin.api.RetriablePluginException} for
 * transient faults. Lifecycle: created by {@link StorageBackendFactory#create}, closed once when no longer used.
 */
public interface StorageBackend extends AutoCloseable {

    /**
     * Stores {@code content} under {@code key}, reading it to its end. The stream is not closed by this method.
     *
     * @param length the number of bytes, or {@code -1} when not known in advance
     * @return what was stored
     */
    StoredObject put(String key, InputStream content, long length);

    /**
     * Opens the object for reading from {@code offset} on. The caller closes the stream.
     *
     * @throws io.lathe.plugin.api.PluginException {@code object-not-found} when there is no such key
     */
    InputStream open(String key, long offset);

    /** Describes the object under {@code key}, or empty when there is none. */
    Optional<StoredObject> stat(String key);

    /** Calls {@code visitor} once for every object whose key starts with {@code prefix}, in key order. */
    void list(String prefix, Consumer<StoredObject> visitor);

    /** Removes the object under {@code key}; removing a missing key is not an error. */
    void delete(String key);

    /** Releases what the instance holds (clients, connections). Does not delete data. */
    @Override
    void close();
}
