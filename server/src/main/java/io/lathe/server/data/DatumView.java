package io.lathe.server.data;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;

/** A datum as the API shows it; {@code uri} is how an execution names it as input. */
public record DatumView(
        String id,
        String uri,
        String project,
        String name,
        long size,
        String sha256,
        @JsonbProperty("content_type") String contentType,
        String store,
        @JsonbProperty("output_execution") String outputExecution,
        JsonObject metadata,
        @JsonbProperty("created_at") Instant createdAt,
        boolean purged,
        List<String> tags,
        List<String> aliases) {

    public static DatumView of(Datum datum, List<String> tags, List<String> aliases) {
        JsonObject metadata = datum.metadata() == null ? JsonObject.EMPTY_JSON_OBJECT : datum.metadata();
        return new DatumView(datum.id(), "datum://" + datum.id(), datum.projectId(), datum.name(), datum.size(),
                datum.sha256(), datum.contentType(), datum.store(), datum.executionId(), metadata,
                Instant.ofEpochMilli(datum.createdAt()), datum.isPurged(), tags, aliases);
    }
}
