package io.lathe.server.commits;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/**
 * A version of a project's code: a package as uploaded, content-addressed. Its id is {@code ~} and the SHA-256 of
 * the package, as Valohai names ad-hoc commits; the same bytes always get the same id.
 */
@Entity
@Table(name = "code_commit")
@IdClass(CodeCommit.Key.class)
public class CodeCommit {

    /** The composite key: commits are per project. */
    public record Key(String projectId, String id) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "project_id")
    private String projectId;

    @Id
    private String id;

    @Column(nullable = false)
    private String sha256;

    @Column(nullable = false)
    private long size;

    @Column(nullable = false)
    private String store;

    @Column(name = "storage_key", nullable = false)
    private String storageKey;

    @Column(name = "config_yaml", nullable = false)
    private String configYaml;

    @Column(name = "creator_id", nullable = false)
    private String creatorId;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected CodeCommit() {
    }

    public CodeCommit(String projectId, String sha256, long size, String store, String storageKey, String configYaml,
            String creatorId, long createdAt) {
        this.projectId = projectId;
        this.id = idOf(sha256);
        this.sha256 = sha256;
        this.size = size;
        this.store = store;
        this.storageKey = storageKey;
        this.configYaml = configYaml;
        this.creatorId = creatorId;
        this.createdAt = createdAt;
    }

    public static String idOf(String sha256) {
        return "~" + sha256;
    }

    public String projectId() {
        return projectId;
    }

    public String id() {
        return id;
    }

    public String sha256() {
        return sha256;
    }

    public long size() {
        return size;
    }

    public String store() {
        return store;
    }

    public String storageKey() {
        return storageKey;
    }

    public String configYaml() {
        return configYaml;
    }

    public long createdAt() {
        return createdAt;
    }
}
