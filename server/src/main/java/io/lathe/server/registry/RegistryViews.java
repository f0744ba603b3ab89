package io.lathe.server.registry;

import io.lathe.server.data.DatumLineage;
import io.lathe.server.data.DatumView;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;

/** How the API shows datasets and models. */
public final class RegistryViews {

    private RegistryViews() {
    }

    public record DatasetSummary(String name, long versions, @JsonbNillable @JsonbProperty("latest_version")
            String latestVersion) {
    }

    public record DatasetDetail(String name, List<DatasetVersionSummary> versions) {
    }

    public record DatasetVersionSummary(String version, String uri, @JsonbProperty("output_execution")
            String outputExecution, @JsonbProperty("created_by") String createdBy,
            @JsonbProperty("created_at") Instant createdAt) {
    }

    public record DatasetVersionDetail(String dataset, String version, String uri,
            @JsonbProperty("output_execution") String outputExecution, @JsonbProperty("created_by") String createdBy,
            @JsonbProperty("created_at") Instant createdAt, List<DatumView> files) {
    }

    public record ModelSummary(String name, long versions, @JsonbNillable Integer latest,
            @JsonbNillable @JsonbProperty("latest_approved") Integer latestApproved) {
    }

    public record ModelDetail(String name, List<ModelVersionSummary> versions) {
    }

    public record ModelVersionSummary(int number, String uri, String state,
            @JsonbProperty("release_note") String releaseNote, @JsonbProperty("created_by") String createdBy,
            @JsonbProperty("created_at") Instant createdAt) {
    }

    public record Decision(String by, Instant at, String comment) {
    }

    public record ModelVersionDetail(String model, int number, String uri, String state,
            @JsonbProperty("release_note") String releaseNote, List<String> tags,
            @JsonbProperty("output_execution") String outputExecution, @JsonbProperty("created_by") String createdBy,
            @JsonbProperty("created_at") Instant createdAt, @JsonbNillable Decision decision, List<DatumView> files,
            List<DatumLineage.Origin> lineage) {
    }
}
