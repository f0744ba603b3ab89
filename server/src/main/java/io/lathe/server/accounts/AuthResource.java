package io.lathe.server.accounts;

import io.lathe.server.auth.Access;
import io.lathe.server.platform.DomainException;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /api/v1/auth/token}: a username and password in, a new API token out (shown once). */
@Path("auth/token")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    /** The body. */
    public record SignIn(String username, String password, String name, String expires) {
    }

    @Inject
    Accounts accounts;

    @POST
    @Access(Access.Rule.PUBLIC)
    public Response signIn(SignIn request, @Context HttpServletRequest http) {
        if (request == null) {
            throw DomainException.invalid("missing-body", "send {username, password, name} as JSON", null);
        }
        return Response.status(Response.Status.CREATED)
                .entity(accounts.signIn(request.username(), request.password(), request.name(), request.expires(),
                        http.getRemoteAddr()))
                .build();
    }
}
