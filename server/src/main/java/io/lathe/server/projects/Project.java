package io.lathe.server.projects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A project: its code commits, executions and data belong to it. */
@Entity
@Table(name = "project")
public class Project {

    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String description;

    @Column(name = "owner_id", nullable = false)
    private String ownerId;

    @Column(name = "default_store", nullable = false)
    private String defaultStore;

    @Column(name = "default_environment", nullable = false)
    private String defaultEnvironment;

    /** The counter of the newest execution; the next one takes this plus one. */
    @Column(name = "last_counter", nullable = false)
    private int lastCounter;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected Project() {
    }

    public Project(String id, String name, String description, String ownerId, String defaultStore,
            String defaultEnvironment, long createdAt) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.ownerId = ownerId;
        this.defaultStore = defaultStore;
        this.defaultEnvironment = defaultEnvironment;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String ownerId() {
        return ownerId;
    }

    void useDefaults(String store, String environment) {
        this.defaultStore = store;
        this.defaultEnvironment = environment;
    }

    public String defaultStore() {
        return defaultStore;
    }

    public String defaultEnvironment() {
        return defaultEnvironment;
    }

    public long createdAt() {
        return createdAt;
    }
}
