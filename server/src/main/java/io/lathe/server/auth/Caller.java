package io.lathe.server.auth;

import java.security.Principal;
import java.util.Objects;

/** The authenticated user of a request, as resources see it through the JAX-RS security context. */
public record Caller(String userId, String username, User.Role role) implements Principal, java.io.Serializable {

    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
    }

    public boolean isAdmin() {
        return role == User.Role.ADMIN;
    }

    @Override
    public String getName() {
        return username;
    }
}
