package io.lathe.server.accounts;

import io.lathe.server.auth.Access;
import io.lathe.server.platform.DomainException;
import jakarta.inject.Inject;
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
import java.util.List;

/** {@code /api/v1/projects/{id}/members}: who else may read or write a project; changed by its owner. */
@Path("projects/{id}/members")
@Produces(MediaType.APPLICATION_JSON)
public class MemberResource {

    /** The body of a put. */
    public record SetMember(String access) {
    }

    @Inject
    Memberships memberships;

    @GET
    @Access(Access.Rule.PROJECT_READ)
    public List<Memberships.Member> list(@PathParam("id") String projectId) {
        return memberships.members(projectId);
    }

    @PUT
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.PROJECT_OWNER)
    public Memberships.Member set(@PathParam("id") String projectId, @PathParam("username") String username,
            SetMember request, @Context SecurityContext security) {
        if (request == null) {
            throw DomainException.invalid("missing-body", "send {\"access\": \"read\"|\"write\"} as JSON", "access");
        }
        return memberships.set(TokenResource.caller(security), projectId, username, request.access());
    }

    @DELETE
    @Path("{username}")
    @Access(Access.Rule.PROJECT_OWNER)
    public Response remove(@PathParam("id") String projectId, @PathParam("username") String username,
            @Context SecurityContext security) {
        memberships.remove(TokenResource.caller(security), projectId, username);
        return Response.noContent().build();
    }
}
