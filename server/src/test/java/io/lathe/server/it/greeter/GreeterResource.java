package io.lathe.server.it.greeter;

import io.lathe.server.auth.Access;
import io.lathe.server.instances.LiveInstances;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/v1/test/greeters/{name}?who=...}: what a feature using the test-only point would do, ask a live
 * greeter, so that the test sees its calls guarded (a plugin failure is a 502 naming the greeter and the call).
 */
@Path("test/greeters/{name}")
@RequestScoped
public class GreeterResource {

    @Inject
    LiveInstances live;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Access(Access.Rule.ADMIN)
    public String greet(@PathParam("name") String name, @QueryParam("who") String who) {
        return live.get(GreeterPoint.GREETER, name).greet(who);
    }
}
