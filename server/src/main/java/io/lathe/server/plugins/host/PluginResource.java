package io.lathe.server.plugins.host;

import io.lathe.server.auth.Access;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /api/v1/plugins}: installed plugins, their state and extensions, and load failures. */
@Path("plugins")
@Produces(MediaType.APPLICATION_JSON)
public class PluginResource {

    @Inject
    PluginHost host;

    @GET
    @Access(Access.Rule.AUTHENTICATED)
    public List<PluginDescription> list() {
        return host.describe();
    }
}
