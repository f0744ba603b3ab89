package io.lathe.server.accounts;

import io.lathe.server.auth.Access;
import io.lathe.server.auth.User;
import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.JsonText;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** {@code /api/v1/admin/users}: admins create, list, disable, reset and promote users. */
@Path("admin/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    /** The body of a create. */
    public record CreateUser(String username, String password, String role) {
    }


    @Inject
    Accounts accounts;

    @GET
    @Access(Access.Rule.ADMIN)
    public List<UserView> list() {
        return accounts.users().stream().map(UserView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.ADMIN)
    public Response create(CreateUser request, @Context SecurityContext security) {
        if (request == null) {
            throw DomainException.invalid("missing-body", "send {username, password, role} as JSON", null);
        }
        User user = accounts.createUser(TokenResource.caller(security), request.username(), request.password(),
                request.role());
        return Response.status(Response.Status.CREATED).entity(UserView.of(user)).build();
    }

    @PATCH
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.ADMIN)
    public UserView update(@PathParam("username") String username, String body,
            @Context SecurityContext security) {
        JsonObject request = changes(body);
        // Read by hand: JSON-B would take "yes" or 1 as false for a Boolean and silently re-enable an account.
        Boolean disabled = null;
        if (request.containsKey("disabled")) {
            JsonValue value = request.get("disabled");
            if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                throw DomainException.invalid("invalid-disabled", "disabled is true or false", "disabled");
            }
            disabled = value == JsonValue.TRUE;
        }
        return UserView.of(accounts.updateUser(TokenResource.caller(security), username, disabled,
                text(request, "password"), text(request, "role")));
    }

    /**
     * The body as a JSON object. Read here rather than by the JSON provider, which answers 500 to a body that is JSON
     * but not an object ({@code null}, {@code []}, {@code true}, a string, a number).
     */
    static JsonObject changes(String body) {
        JsonValue value;
        try {
            value = body == null || body.isBlank() ? null : JsonText.value(body);
        } catch (JsonException e) {
            value = null;
        }
        if (!(value instanceof JsonObject changes)) {
            throw DomainException.invalid("invalid-body", "send a JSON object {disabled?, password?, role?}", "body");
        }
        return changes;
    }

    private static String text(JsonObject request, String field) {
        if (!request.containsKey(field) || request.isNull(field)) {
            return null;
        }
        if (!(request.get(field) instanceof JsonString value)) {
            throw DomainException.invalid("invalid-" + field, field + " must be a string", field);
        }
        return value.getString();
    }
}
