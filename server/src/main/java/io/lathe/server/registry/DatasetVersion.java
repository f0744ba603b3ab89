package io.lathe.server.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One immutable version of a dataset: its files are rows of {@code dataset_version_file}. */
@Entity
@Table(name = "dataset_version")
public class DatasetVersion {

    @Id
    private String id;
    @Column(name = "dataset_id", nullable = false)
    private String datasetId;
    @Column(nullable = false)
    private String name;
    @Column(name = "execution_id")
    private String executionId;
    @Column(name = "created_by", nullable = false)
    private String createdBy;
    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected DatasetVersion() {
    }

    public DatasetVersion(String id, String datasetId, String name, String executionId, String createdBy,
            long createdAt) {
        this.id = id;
        this.datasetId = datasetId;
        this.name = name;
        this.executionId = executionId;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String datasetId() {
        return datasetId;
    }

    public String name() {
        return name;
    }

    public String executionId() {
        return executionId;
    }

    public String createdBy() {
        return createdBy;
    }

    public long createdAt() {
        return createdAt;
    }
}
