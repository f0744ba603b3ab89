package io.lathe.server.incontainer;

import io.lathe.server.audit.AuditEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Reads the audit trail as stored, for tests that check what a change recorded. */
@ApplicationScoped
public class AuditEntries {

    @PersistenceContext(unitName = "lathe")
    EntityManager entityManager;

    /**
     * The entries about {@code target}, oldest first. Ids order entries by their millisecond only: tests that care
     * about the order of entries written in quick succession say so.
     */
    public List<AuditEvent> on(String target) {
        return entityManager.createQuery("SELECT a FROM AuditEvent a WHERE a.target = :t ORDER BY a.id",
                AuditEvent.class).setParameter("t", target).getResultList();
    }

    /** The actions of the entries about {@code target}, oldest first. */
    public List<String> actionsOn(String target) {
        return on(target).stream().map(AuditEvent::action).toList();
    }

    /** One value of the entry's details, as text (null when it has none). */
    public static String detail(AuditEvent entry, String name) {
        JsonValue value = entry.details() == null ? null : entry.details().get(name);
        if (value == null) {
            return null;
        }
        return value instanceof JsonString text ? text.getString() : value.toString();
    }
}
