package io.lathe.server.variables;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** An environment variable every execution of a project gets. A secret one holds its value encrypted. */
@Entity
@Table(name = "project_variable")
@IdClass(ProjectVariable.Key.class)
public class ProjectVariable {

    /** The composite key. */
    public record Key(String projectId, String name) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "project_id")
    private String projectId;
    @Id
    private String name;
    /** The plain value, or for secrets the value sealed by SecretBox. ("value" is a reserved word in H2.) */
    @Column(name = "var_value", nullable = false)
    private String value;
    @Column(nullable = false)
    private boolean secret;
    @Column(name = "updated_at", nullable = false)
    private long updatedAt;

    protected ProjectVariable() {
    }

    ProjectVariable(String projectId, String name, String storedValue, boolean secret, long updatedAt) {
        this.projectId = projectId;
        this.name = name;
        this.value = storedValue;
        this.secret = secret;
        this.updatedAt = updatedAt;
    }

    void replace(String storedValue, boolean newSecret, long now) {
        this.value = storedValue;
        this.secret = newSecret;
        this.updatedAt = now;
    }

    /** Replaces the sealed value of a secret by the same value sealed again, in the current form. */
    void reseal(String storedValue) {
        this.value = storedValue;
    }

    String projectId() {
        return projectId;
    }

    public String name() {
        return name;
    }

    String storedValue() {
        return value;
    }

    public boolean secret() {
        return secret;
    }

    public long updatedAt() {
        return updatedAt;
    }
}
