package io.lathe.server.accounts;

import io.lathe.server.auth.Access;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** {@code GET /api/v1/me}: who the token belongs to. */
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    Accounts accounts;

    @GET
    @Access(Access.Rule.AUTHENTICATED)
    public UserView me(@Context SecurityContext security) {
        return UserView.of(accounts.require(TokenResource.caller(security).username()));
    }
}
