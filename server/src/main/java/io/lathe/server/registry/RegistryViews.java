package io.lathe.server.registry;

import io.lathe.server.data.Datum;
import io.lathe.server.data.DatumLineage;
import io.lathe.server.data.DatumRepository;
import io.lathe.server.data.DatumService;
import io.lathe.server.data.DatumView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * How datasets and models are shown: the records the API answers with and the console's pages render, and the one
 * place that builds them from the registry (so the two fronts cannot drift apart).
 */
@ApplicationScoped
public class RegistryViews {

    @Inject
    DatasetService datasets;
    @Inject
    ModelRegistry models;
    @Inject
    DatumService datumService;
    @Inject
    DatumRepository datums;
    @Inject
    DatumLineage lineage;

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

    public List<DatasetSummary> datasets(String projectId) {
        return datasets.list(projectId).stream().map(s -> new DatasetSummary(s.dataset().name(), s.versions(),
                s.latest() == null ? null : s.latest().name())).toList();
    }

    public DatasetDetail dataset(String projectId, String name) {
        return new DatasetDetail(name, versionRows(datasets, projectId, name, (v, creator) ->
                new DatasetVersionSummary(v.name(), datasetUri(name, v), v.executionId(), creator, created(v))));
    }

    /** A version ({@code latest}: the newest) with its files. */
    public DatasetVersionDetail datasetVersion(String projectId, String name, String versionName) {
        DatasetVersion version = datasets.version(projectId, name, versionName);
        return new DatasetVersionDetail(name, version.name(), datasetUri(name, version), version.executionId(),
                datums.usernames(List.of(version.createdBy())).get(version.createdBy()), created(version),
                datumService.views(datasets.files(version)));
    }

    public List<ModelSummary> models(String projectId) {
        return models.list(projectId).stream().map(s -> new ModelSummary(s.model().name(), s.versions(),
                s.latest() == null ? null : s.latest().number(),
                s.latestApproved() == null ? null : s.latestApproved().number())).toList();
    }

    public ModelDetail model(String projectId, String name) {
        return new ModelDetail(name, versionRows(models, projectId, name, (v, creator) -> new ModelVersionSummary(
                v.number(), modelUri(name, v), v.state().apiName(), v.releaseNote(), creator, created(v))));
    }

    /** A version with its files and, one call away, the executions behind them: code, parameters, inputs. */
    public ModelVersionDetail modelVersion(String projectId, String name, String number) {
        ModelVersion version = models.version(projectId, name, number);
        List<Datum> files = models.files(version);
        Map<String, String> names = datums.usernames(Arrays.asList(version.createdBy(), version.decidedBy()));
        Decision decision = version.decidedAt() == null ? null : new Decision(names.get(version.decidedBy()),
                Instant.ofEpochMilli(version.decidedAt()), version.decisionComment());
        return new ModelVersionDetail(name, version.number(), modelUri(name, version), version.state().apiName(),
                version.releaseNote(), version.tags(), version.executionId(), names.get(version.createdBy()),
                created(version), decision, datumService.views(files), lineage.origins(files));
    }

    /** A collection's versions, newest first, each shown by {@code row} with its creator's username. */
    private <V extends RegistryVersion, R> List<R> versionRows(VersionedCollections<V> kind, String projectId,
            String name, BiFunction<V, String, R> row) {
        List<V> versions = kind.versions(kind.get(projectId, name));
        Map<String, String> creators = datums.usernames(versions.stream().map(RegistryVersion::createdBy).toList());
        return versions.stream().map(v -> row.apply(v, creators.get(v.createdBy()))).toList();
    }

    private static Instant created(RegistryVersion version) {
        return Instant.ofEpochMilli(version.createdAt());
    }

    private static String datasetUri(String name, DatasetVersion version) {
        return "dataset://" + name + "/" + version.name();
    }

    private static String modelUri(String name, ModelVersion version) {
        return "model://" + name + "/" + version.number();
    }
}
