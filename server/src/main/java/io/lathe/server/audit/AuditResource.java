package io.lathe.server.audit;

import io.lathe.server.platform.DomainException;
import io.lathe.server.auth.Access;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/admin/audit}: the audit trail, newest first, for admins. */
@Path("admin/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    /** One entry as the API shows it. */
    public record Entry(String id, Instant at, String actor, String action, String target,
            @JsonbProperty("details") JsonObject details) {
    }

    @Inject
    AuditLog audit;

    @GET
    @Access(Access.Rule.ADMIN)
    public List<Entry> list(@QueryParam("before") String before, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw DomainException.invalid("invalid-limit", "limit must be between 1 and 1000", "limit");
        }
        return audit.page(before, limit).stream().map(e -> new Entry(e.id(), Instant.ofEpochMilli(e.at()), e.actor(),
                e.action(), e.target(), e.details())).toList();
    }
}
