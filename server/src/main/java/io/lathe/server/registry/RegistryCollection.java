package io.lathe.server.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A dataset or a model: a name in a project, of a kind ({@code dataset}, {@code model}), with versions
 * ({@link RegistryVersion}). Its row is the one locked while a version is added ({@link VersionedCollections}), so
 * versions of one collection queue.
 */
@Entity
@Table(name = "registry_collection")
public class RegistryCollection {

    @Id
    private String id;
    @Column(nullable = false)
    private String kind;
    @Column(name = "project_id", nullable = false)
    private String projectId;
    @Column(nullable = false)
    private String name;
    @Column(name = "created_by", nullable = false)
    private String createdBy;
    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected RegistryCollection() {
    }

    RegistryCollection(String id, String kind, String projectId, String name, String createdBy, long createdAt) {
        this.id = id;
        this.kind = kind;
        this.projectId = projectId;
        this.name = name;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    /** {@code dataset} or {@code model}. */
    public String kind() {
        return kind;
    }

    public String projectId() {
        return projectId;
    }

    public String name() {
        return name;
    }

    public long createdAt() {
        return createdAt;
    }
}
