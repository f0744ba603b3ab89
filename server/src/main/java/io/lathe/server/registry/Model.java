package io.lathe.server.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A model in the registry: numbered versions, each pointing at datums, approved or rejected by the owner. */
@Entity
@Table(name = "model")
public class Model {

    @Id
    private String id;
    @Column(name = "project_id", nullable = false)
    private String projectId;
    @Column(nullable = false)
    private String name;
    @Column(name = "created_by", nullable = false)
    private String createdBy;
    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected Model() {
    }

    public Model(String id, String projectId, String name, String createdBy, long createdAt) {
        this.id = id;
        this.projectId = projectId;
        this.name = name;
        this.createdBy = createdBy;
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

    public long createdAt() {
        return createdAt;
    }
}
