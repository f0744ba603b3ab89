package io.lathe.server.data;

import io.lathe.plugin.api.storage.StorageBackend;
import io.lathe.server.api.ApiException;
import io.lathe.server.platform.HashingInputStream;
import io.lathe.server.platform.Ids;
import io.lathe.server.plugins.ConfiguredInstances;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URLConnection;
import java.util.Objects;

/**
 * Turns bytes into datums: streams them into a data store while computing their SHA-256, then records them. A
 * failed store records nothing; a datum is recorded only once its bytes are stored.
 */
@ApplicationScoped
public class DatumService {

    @Inject
    DatumRepository datums;
    @Inject
    ConfiguredInstances instances;

    /** Stores one file an execution produced. */
    public Datum storeOutput(String projectId, String store, String executionId, String creatorId, String path,
            InputStream content) {
        Objects.requireNonNull(path, "path");
        String id = Ids.newId();
        String key = "projects/" + projectId + "/datums/" + id;
        StorageBackend backend = instances.store(store);
        HashingInputStream hashing = new HashingInputStream(content);
        backend.put(key, hashing, -1);
        Datum datum = new Datum(id, projectId, path, hashing.count(), hashing.sha256(), contentType(path), store, key,
                executionId, creatorId, System.currentTimeMillis());
        datums.insert(datum);
        return datum;
    }

    public Datum get(String id) {
        return (Ids.isId(id) ? datums.find(id) : java.util.Optional.<Datum>empty())
                .orElseThrow(() -> ApiException.notFound("datum", id));
    }

    /** The datum's bytes from {@code offset} on; the caller closes the stream. */
    public InputStream open(Datum datum, long offset) {
        if (datum.isPurged()) {
            throw new ApiException(jakarta.ws.rs.core.Response.Status.GONE, "purged",
                    "datum '" + datum.id() + "' was deleted; its record remains for lineage", null);
        }
        return instances.store(datum.store()).open(datum.storageKey(), offset);
    }

    static String contentType(String path) {
        String guessed = URLConnection.guessContentTypeFromName(path);
        return guessed == null ? "application/octet-stream" : guessed;
    }
}
