package io.lathe.server.data;

import io.lathe.server.platform.JsonObjectConverter;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A file the platform holds: immutable bytes in a data store, with their checksum, where they came from (the
 * execution that wrote them) and the properties given in a sidecar. Deleting purges the bytes, never the record.
 */
@Entity
@Table(name = "datum")
public class Datum {

    @Id
    private String id;
    @Column(name = "project_id", nullable = false)
    private String projectId;
    /** The path as produced, e.g. {@code models/model.pkl} below the execution's outputs. */
    @Column(nullable = false)
    private String name;
    @Column(nullable = false)
    private long size;
    @Column(nullable = false)
    private String sha256;
    @Column(name = "content_type", nullable = false)
    private String contentType;
    @Column(nullable = false)
    private String store;
    @Column(name = "storage_key", nullable = false)
    private String storageKey;
    @Column(name = "execution_id")
    private String executionId;
    @Column(name = "metadata_json")
    @Convert(converter = JsonObjectConverter.class)
    private JsonObject metadata;
    @Column(name = "creator_id", nullable = false)
    private String creatorId;
    @Column(name = "created_at", nullable = false)
    private long createdAt;
    @Column(name = "purged_at")
    private Long purgedAt;

    protected Datum() {
    }

    public Datum(String id, String projectId, String name, long size, String sha256, String contentType, String store,
            String storageKey, String executionId, String creatorId, long createdAt) {
        this.id = id;
        this.projectId = projectId;
        this.name = name;
        this.size = size;
        this.sha256 = sha256;
        this.contentType = contentType;
        this.store = store;
        this.storageKey = storageKey;
        this.executionId = executionId;
        this.creatorId = creatorId;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String projectId() {
        return projectId;
    }

    public String name() {
        return name;
    }

    /** The last segment of the name: what the file is called when it is an input. */
    public String fileName() {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    public long size() {
        return size;
    }

    public String sha256() {
        return sha256;
    }

    public String contentType() {
        return contentType;
    }

    public String store() {
        return store;
    }

    public String storageKey() {
        return storageKey;
    }

    public String executionId() {
        return executionId;
    }

    /** The properties an execution attached to it (a sidecar file or the JSON lines file); null when none. */
    public JsonObject metadata() {
        return metadata;
    }

    public long createdAt() {
        return createdAt;
    }

    public boolean isPurged() {
        return purgedAt != null;
    }
}
