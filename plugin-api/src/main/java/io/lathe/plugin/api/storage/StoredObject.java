package io.lathe.plugin.api.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * An object held by a {@link StorageBackend}.
 *
 * @param key the object's key
 * @param size its length in bytes
 * @param lastModified when it was written
 */
public record StoredObject(String key, long size, Instant lastModified) {
    /** Checks that no part is null and the size is not negative. */
    public StoredObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastModified, "lastModified");
        if (size < 0) {
            throw new IllegalArgumentException("size < 0");
        }
    }
}
