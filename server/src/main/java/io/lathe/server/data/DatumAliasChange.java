package io.lathe.server.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One pointing of an alias: to which datum, by whom, when. */
@Entity
@Table(name = "datum_alias_change")
public class DatumAliasChange {

    @Id
    private String id;
    @Column(name = "project_id", nullable = false)
    private String projectId;
    @Column(nullable = false)
    private String name;
    @Column(name = "datum_id", nullable = false)
    private String datumId;
    @Column(name = "changed_by", nullable = false)
    private String changedBy;
    @Column(name = "changed_at", nullable = false)
    private long changedAt;

    protected DatumAliasChange() {
    }

    public DatumAliasChange(String id, String projectId, String name, String datumId, String changedBy,
            long changedAt) {
        this.id = id;
        this.projectId = projectId;
        this.name = name;
        this.datumId = datumId;
        this.changedBy = changedBy;
        this.changedAt = changedAt;
    }

    public String datumId() {
        return datumId;
    }

    public String changedBy() {
        return changedBy;
    }

    public long changedAt() {
        return changedAt;
    }
}
