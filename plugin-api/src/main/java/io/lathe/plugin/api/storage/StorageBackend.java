package io.lathe.plugin.api.storage;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
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
 *
 * <p>Time limits: the server calls every method on a thread of its own and gives up on a call after a time limit the
 * administrator sets (30 s by default), interrupting it and ignoring its late answer. {@link #put} may take as long
 * as it keeps reading the content, {@link #list} as long as it keeps visiting objects: each fails only after the
 * limit passes without progress. {@link #open} must return its stream within the limit. {@link #close()} has no
 * limit. A null answer, or a put that returns before it read the content to its end, is a fault like an exception:
 * the server records it against the plugin and fails what the call was for.
 */
public interface StorageBackend extends AutoCloseable {

    /**
     * Stores {@code content} under {@code key}, reading it to its end. The stream is not closed by this method. May
     * take as long as it keeps reading; the server gives up after its time limit without a read.
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

    /**
     * A URL from which the object under {@code key} can be downloaded with a plain HTTP GET, by anyone who holds the
     * URL and without further credentials, until {@code validFor} has passed. The server hands such a URL to a
     * client (a browser, a job fetching its inputs) so the bytes need not pass through the server.
     *
     * <p>The default returns empty: the backend has no such URLs and the server streams the object itself, as it
     * must for any backend. A backend that presigns does not check that the object exists (a GET on the URL of a
     * missing key fails then), needs no network call to make the URL, and answers the GET with exactly the bytes
     * {@link #open(String, long) open(key, 0)} gives.
     *
     * @param validFor how long the URL works; positive. A backend may refuse a longer time than it supports (S3
     *     allows at most 7 days) with an {@link IllegalArgumentException}
     * @return the URL, or empty when this backend has none
     * @throws IllegalArgumentException when {@code key} breaks the key rules or {@code validFor} is not acceptable
     */
    default Optional<URI> presignedDownload(String key, Duration validFor) {
        StorageKeys.requireValid(key);
        if (validFor.isNegative() || validFor.isZero()) {
            throw new IllegalArgumentException("validFor must be positive, not " + validFor);
        }
        return Optional.empty();
    }

    /** Releases what the instance holds (clients, connections). Does not delete data. */
    @Override
    void close();
}
