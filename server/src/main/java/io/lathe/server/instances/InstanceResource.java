package io.lathe.server.instances;

import io.lathe.server.auth.Access;
import io.lathe.server.auth.Caller;
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
 * The REST face of one kind of configured instance, {@code /api/v1/admin/<kind>}: list, create, read, change the
 * settings of and delete them. Admins only. A subclass per kind gives the path and the kind.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class InstanceResource {

    @Inject
    InstanceAdmin admin;

    /** The kind of instance this resource serves. */
    protected abstract InstanceAdmin.Kind kind();

    @GET
    @Access(Access.Rule.ADMIN)
    public List<InstanceAdmin.InstanceView> list() {
        return admin.list(kind());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.ADMIN)
    public Response create(NewInstance request, @Context SecurityContext security) {
        NewInstance body = request == null ? new NewInstance(null, null, null) : request;
        return Response.status(Response.Status.CREATED).entity(admin.create(kind(), body.name(), body.factory(),
                body.settings(), (Caller) security.getUserPrincipal())).build();
    }

    @GET
    @Path("{name}")
    @Access(Access.Rule.ADMIN)
    public InstanceAdmin.InstanceView get(@PathParam("name") String name) {
        return admin.get(kind(), name);
    }

    /** Replaces the settings; secret settings left out keep their values. */
    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.ADMIN)
    public InstanceAdmin.InstanceView update(@PathParam("name") String name, NewInstance request,
            @Context SecurityContext security) {
        return admin.update(kind(), name, request == null ? null : request.settings(),
                (Caller) security.getUserPrincipal());
    }

    @DELETE
    @Path("{name}")
    @Access(Access.Rule.ADMIN)
    public Response delete(@PathParam("name") String name, @Context SecurityContext security) {
        admin.delete(kind(), name, (Caller) security.getUserPrincipal());
        return Response.noContent().build();
    }
}
