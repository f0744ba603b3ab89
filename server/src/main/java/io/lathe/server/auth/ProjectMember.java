package io.lathe.server.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A user's access to a project they do not own: read or write. */
@Entity
@Table(name = "project_member")
@IdClass(ProjectMember.Key.class)
public class ProjectMember {

    /** The composite key. */
    public record Key(String projectId, String userId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "project_id")
    private String projectId;
    @Id
    @Column(name = "user_id")
    private String userId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ProjectRole access;
    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected ProjectMember() {
    }

    public ProjectMember(String projectId, String userId, ProjectRole access, long createdAt) {
        this.projectId = projectId;
        this.userId = userId;
        this.access = access;
        this.createdAt = createdAt;
    }

    public String userId() {
        return userId;
    }

    public ProjectRole access() {
        return access;
    }

    // Changed by accounts.Memberships, which records each change in the audit trail; access control only reads it.
    public void setAccess(ProjectRole access) {
        this.access = access;
    }
}
