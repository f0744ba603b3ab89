package io.lathe.server.audit;

import io.lathe.server.platform.JsonObjectConverter;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One entry of the audit trail: who did what to what, when, and the before/after that matters. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    private String id;
    @Column(nullable = false)
    private long at;
    private String actor;
    @Column(nullable = false)
    private String action;
    private String target;
    @Convert(converter = JsonObjectConverter.class)
    private JsonObject details;

    protected AuditEvent() {
    }

    AuditEvent(String id, long at, String actor, String action, String target, JsonObject details) {
        this.id = id;
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.target = target;
        this.details = details;
    }

    public String id() {
        return id;
    }

    public long at() {
        return at;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public String target() {
        return target;
    }

    /** The before/after or other facts of the change; null when there are none. */
    public JsonObject details() {
        return details;
    }
}
