package io.lathe.server.accounts;

import io.lathe.server.auth.Access;
import io.lathe.server.auth.ApiToken;
import io.lathe.server.auth.Caller;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
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
import java.time.Instant;
import java.util.List;

/** {@code /api/v1/tokens}: the caller's own API tokens: list (never the secrets), create, revoke. */
@Path("tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    /** A token as listed. */
    public record TokenView(String id, String name, @JsonbProperty("created_at") Instant createdAt,
            @JsonbProperty("expires_at") Instant expiresAt) {

        public static TokenView of(ApiToken token) {
            return new TokenView(token.id(), token.name(), Instant.ofEpochMilli(token.createdAt()),
                    token.expiresAt() == null ? null : Instant.ofEpochMilli(token.expiresAt()));
        }
    }

    /** The body of a create. */
    public record CreateToken(String name, String expires) {
    }

    @Inject
    Accounts accounts;

    @GET
    @Access(Access.Rule.AUTHENTICATED)
    public List<TokenView> list(@Context SecurityContext security) {
        return accounts.tokens(caller(security)).stream().map(TokenView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.AUTHENTICATED)
    public Response create(CreateToken request, @Context SecurityContext security) {
        CreateToken body = request == null ? new CreateToken(null, null) : request;
        return Response.status(Response.Status.CREATED)
                .entity(accounts.createToken(caller(security), body.name(), body.expires())).build();
    }

    @DELETE
    @Path("{id}")
    @Access(Access.Rule.AUTHENTICATED)
    public Response revoke(@PathParam("id") String id, @Context SecurityContext security) {
        accounts.revokeToken(caller(security), id);
        return Response.noContent().build();
    }

    static Caller caller(SecurityContext security) {
        return (Caller) security.getUserPrincipal();
    }
}
