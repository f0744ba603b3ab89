package io.lathe.server.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/**
 * A stable name for a datum in a project ({@code datum://latest-model}), repointed as new versions come; where it
 * pointed before is kept as {@link DatumAliasChange}s.
 */
@Entity
@Table(name = "datum_alias")
@IdClass(DatumAlias.Key.class)
public class DatumAlias {

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
    @Column(name = "datum_id", nullable = false)
    private String datumId;
    @Column(name = "changed_by", nullable = false)
    private String changedBy;
    @Column(name = "changed_at", nullable = false)
    private long changedAt;

    protected DatumAlias() {
    }

    public DatumAlias(String projectId, String name, String datumId, String changedBy, long changedAt) {
        this.projectId = projectId;
        this.name = name;
        this.datumId = datumId;
        this.changedBy = changedBy;
        this.changedAt = changedAt;
    }

    void repoint(String datumId, String changedBy, long changedAt) {
        this.datumId = datumId;
        this.changedBy = changedBy;
        this.changedAt = changedAt;
    }

    public String projectId() {
        return projectId;
    }

    public String name() {
        return name;
    }

    public String datumId() {
        return datumId;
    }
}
