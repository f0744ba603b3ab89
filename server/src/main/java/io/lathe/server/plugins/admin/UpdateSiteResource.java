package io.lathe.server.plugins.admin;

import io.lathe.server.auth.Access;
import io.lathe.server.auth.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * {@code /api/v1/admin/update-sites}: the update sites plugins are installed and upgraded from, each listed with what
 * it offers now. Installing is {@code POST /api/v1/admin/plugins/install}.
 */
@Path("admin/update-sites")
@Produces(MediaType.APPLICATION_JSON)
public class UpdateSiteResource {

    @Inject
    UpdateSites sites;

    /** A site to add: its id and the URL of the folder holding its {@code plugins.json}. */
    public record NewSite(String id, String url) {
    }

    @GET
    @Access(Access.Rule.ADMIN)
    public List<UpdateSites.SiteView> list() {
        return sites.describe();
    }

    @GET
    @Path("{id}")
    @Access(Access.Rule.ADMIN)
    public UpdateSites.SiteView get(@PathParam("id") String id) {
        return sites.describe(sites.site(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.ADMIN)
    public Response add(NewSite request, @Context SecurityContext security) {
        NewSite body = request == null ? new NewSite(null, null) : request;
        UpdateSite site = sites.add(body.id(), body.url(), (Caller) security.getUserPrincipal());
        return Response.status(Response.Status.CREATED).entity(sites.describe(site)).build();
    }

    @DELETE
    @Path("{id}")
    @Access(Access.Rule.ADMIN)
    public Response remove(@PathParam("id") String id, @Context SecurityContext security) {
        sites.remove(id, (Caller) security.getUserPrincipal());
        return Response.noContent().build();
    }
}
