package io.lathe.server.plugins.admin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An update site: a folder, {@code file:} or {@code http(s):}, holding a {@code plugins.json} index in the format
 * PF4J's pf4j-update reads, with the plugin jars it lists.
 */
@Entity
@Table(name = "update_site")
public class UpdateSite {

    @Id
    private String id;
    @Column(nullable = false)
    private String url;
    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected UpdateSite() {
    }

    public UpdateSite(String id, String url, long createdAt) {
        this.id = id;
        this.url = url;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    /** The folder's URL, ending in {@code /}: the index is {@code plugins.json} in it. */
    public String url() {
        return url;
    }

    public long createdAt() {
        return createdAt;
    }
}
