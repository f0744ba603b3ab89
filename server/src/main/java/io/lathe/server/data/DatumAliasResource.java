package io.lathe.server.data;

import io.lathe.server.auth.Access;
import io.lathe.server.auth.Caller;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;

/**
 * {@code /api/v1/projects/{id}/datum-aliases/{name}}: where an alias ({@code datum://<name>}) points now and where it
 * pointed before; repointing it.
 */
@Path("projects/{id}/datum-aliases/{name}")
@Produces(MediaType.APPLICATION_JSON)
public class DatumAliasResource {

    @Inject
    DatumService datums;
    @Inject
    DatumRepository repository;

    /** The body of a repoint: the datum's id. */
    public record PointAlias(String datum) {
    }

    public record AliasView(String name, String uri, String datum, List<Change> history) {
    }

    public record Change(String datum, @JsonbProperty("changed_by") String changedBy,
            @JsonbProperty("changed_at") Instant changedAt) {
    }

    @GET
    @Access(Access.Rule.PROJECT_READ)
    public AliasView get(@PathParam("id") String projectId, @PathParam("name") String name) {
        return view(datums.alias(projectId, name));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.PROJECT_WRITE)
    public AliasView point(@PathParam("id") String projectId, @PathParam("name") String name, PointAlias request,
            @Context SecurityContext security) {
        String datum = request == null ? null : request.datum();
        return view(datums.pointAlias(projectId, name, datum, (Caller) security.getUserPrincipal()));
    }

    private AliasView view(DatumAlias alias) {
        List<DatumAliasChange> changes = repository.aliasHistory(alias.projectId(), alias.name());
        java.util.Map<String, String> names = repository.usernames(changes.stream().map(DatumAliasChange::changedBy)
                .collect(java.util.stream.Collectors.toSet()));
        List<Change> history = changes.stream().map(c -> new Change(c.datumId(),
                names.getOrDefault(c.changedBy(), c.changedBy()), Instant.ofEpochMilli(c.changedAt()))).toList();
        return new AliasView(alias.name(), "datum://" + alias.name(), alias.datumId(), history);
    }
}
