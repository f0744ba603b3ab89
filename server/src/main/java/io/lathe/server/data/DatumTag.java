package io.lathe.server.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A tag on a datum ({@code valohai.tags} in a sidecar, or given at upload), to find datums by. */
@Entity
@Table(name = "datum_tag")
@IdClass(DatumTag.Key.class)
public class DatumTag {

    /** The composite key. */
    public record Key(String datumId, String tag) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "datum_id")
    private String datumId;
    @Id
    private String tag;
    @Column(name = "project_id", nullable = false)
    private String projectId;
    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected DatumTag() {
    }

    public DatumTag(Datum datum, String tag) {
        this.datumId = datum.id();
        this.projectId = datum.projectId();
        this.createdAt = datum.createdAt();
        this.tag = tag;
    }

    public String datumId() {
        return datumId;
    }

    public String tag() {
        return tag;
    }
}
