package io.lathe.server.instances;

import io.lathe.server.api.ApiError;
import io.lathe.server.auth.Access;
import io.lathe.server.auth.Caller;
import io.lathe.server.plugins.points.ExtensionPoints;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;

/** {@code POST /api/v1/admin/notification-channels/{name}/test}: sends one test event through a channel. */
@Path("admin/" + ExtensionPoints.NOTIFICATION_CHANNELS + "/{name}/test")
public class ChannelTestResource {

    @Inject
    ChannelTester tester;

    /** {@code 200 {"delivered": true}}, or 502 with the plugin's failure. */
    @POST
    @Access(Access.Rule.ADMIN)
    public Response test(@PathParam("name") String name, @Context SecurityContext security) {
        ChannelTester.Delivery delivery = tester.test(name, (Caller) security.getUserPrincipal());
        if (delivery.delivered()) {
            return Response.ok(Map.of("delivered", true), MediaType.APPLICATION_JSON).build();
        }
        return Response.status(Response.Status.BAD_GATEWAY).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("plugin-failed", delivery.message(), null)).build();
    }
}
