package io.lathe.server.variables;

import io.lathe.server.platform.DomainException;
import io.lathe.server.auth.Access;
import io.lathe.server.auth.Caller;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;

/**
 * {@code /api/v1/projects/{id}/environment-variables}: variables every execution of the project gets. Secret values
 * are write-only: the API never returns them.
 */
@Path("projects/{id}/environment-variables")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectVariableResource {

    /** A variable as listed; {@code value} is absent for secrets. */
    public record VariableView(String name, String value, boolean secret,
            @JsonbProperty("updated_at") Instant updatedAt) {
        static VariableView of(ProjectVariable variable) {
            return new VariableView(variable.name(), ProjectVariables.shownValue(variable), variable.secret(),
                    Instant.ofEpochMilli(variable.updatedAt()));
        }
    }

    /** The body of a put. */
    public record SetVariable(String value, Boolean secret) {
    }

    @Inject
    ProjectVariables variables;

    @GET
    @Access(Access.Rule.PROJECT_READ)
    public List<VariableView> list(@PathParam("id") String projectId) {
        return variables.list(projectId).stream().map(VariableView::of).toList();
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.PROJECT_WRITE)
    public VariableView set(@PathParam("id") String projectId, @PathParam("name") String name, SetVariable request,
            @Context SecurityContext security) {
        if (request == null) {
            throw DomainException.invalid("missing-body", "send {\"value\": ..., \"secret\": true|false} as JSON",
                    "value");
        }
        return VariableView.of(variables.set((Caller) security.getUserPrincipal(), projectId, name, request.value(),
                request.secret()));
    }

    @DELETE
    @Path("{name}")
    @Access(Access.Rule.PROJECT_WRITE)
    public Response remove(@PathParam("id") String projectId, @PathParam("name") String name,
            @Context SecurityContext security) {
        variables.remove((Caller) security.getUserPrincipal(), projectId, name);
        return Response.noContent().build();
    }
}
