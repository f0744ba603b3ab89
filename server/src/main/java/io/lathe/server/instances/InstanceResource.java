package io.lathe.server.instances;

import io.lathe.server.auth.Access;
import io.lathe.server.auth.Caller;
import io.lathe.server.platform.DomainException;
import io.lathe.server.plugins.points.ExtensionPoint;
import io.lathe.server.plugins.points.ExtensionPoints;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * {@code /api/v1/admin/<instances>}: the configured instances of every extension point that has them, at the path its
 * descriptor names ({@code data-stores}, {@code environments}, {@code notification-channels}): list, create, read,
 * change the settings of and delete them. Admins only.
 */
@Path("admin/{instances}")
@Produces(MediaType.APPLICATION_JSON)
public class InstanceResource {

    @Inject
    ExtensionPoints points;
    @Inject
    InstanceAdmin admin;

    @GET
    @Access(Access.Rule.ADMIN)
    public List<InstanceAdmin.InstanceView> list(@PathParam("instances") String instances) {
        return admin.list(point(instances));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.ADMIN)
    public Response create(@PathParam("instances") String instances, NewInstance request,
            @Context SecurityContext security) {
        NewInstance body = request == null ? new NewInstance(null, null, null) : request;
        return Response.status(Response.Status.CREATED).entity(admin.create(point(instances), body.name(),
                body.factory(), body.settings(), (Caller) security.getUserPrincipal())).build();
    }

    @GET
    @Path("{name}")
    @Access(Access.Rule.ADMIN)
    public InstanceAdmin.InstanceView get(@PathParam("instances") String instances, @PathParam("name") String name) {
        return admin.get(point(instances), name);
    }

    /** Replaces the settings; secret settings left out keep their values. */
    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.ADMIN)
    public InstanceAdmin.InstanceView update(@PathParam("instances") String instances, @PathParam("name") String name,
            NewInstance request, @Context SecurityContext security) {
        return admin.update(point(instances), name, request == null ? null : request.settings(),
                (Caller) security.getUserPrincipal());
    }

    @DELETE
    @Path("{name}")
    @Access(Access.Rule.ADMIN)
    public Response delete(@PathParam("instances") String instances, @PathParam("name") String name,
            @Context SecurityContext security) {
        admin.delete(point(instances), name, (Caller) security.getUserPrincipal());
        return Response.noContent().build();
    }

    private ExtensionPoint<?, ?> point(String instances) {
        return points.withAdminPath(instances).orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND,
                "not-found", "no configured instances at /api/v1/admin/" + instances, null));
    }
}
