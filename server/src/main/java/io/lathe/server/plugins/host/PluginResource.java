package io.lathe.server.plugins.host;

import io.lathe.server.auth.Access;
import io.lathe.server.auth.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /api/v1/plugins}: installed plugins, their state and extensions; to admins also why a plugin failed to
 * load (the same as {@code /api/v1/admin/plugins} shows them).
 */
@Path("plugins")
@Produces(MediaType.APPLICATION_JSON)
public class PluginResource {

    @Inject
    PluginHost host;

    @GET
    @Access(Access.Rule.AUTHENTICATED)
    public List<PluginDescription> list(@Context SecurityContext security) {
        List<PluginDescription> plugins = host.describe();
        if (((Caller) security.getUserPrincipal()).isAdmin()) {
            return plugins;
        }
        return plugins.stream().map(PluginDescription::withoutError).filter(Objects::nonNull).toList();
    }
}
