package io.lathe.server.auth;

import java.security.Principal;
import java.util.Objects;

/**
 * The authenticated user of a request, as resources see it through the JAX-RS security context: read from the
 * database for each request, so a role changed or an account disabled counts at once.
 *
 * @param credentialExpiresAt when the credential the request came with (an API token) expires, in epoch millis; null
 *     for a console session. A token made by this caller may not outlive it.
 */
public record Caller(String userId, String username, User.Role role, Long credentialExpiresAt)
        implements Principal, java.io.Serializable {

    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
    }

    /** A caller whose credential does not expire on its own (a console session, a job of the server). */
    public Caller(String userId, String username, User.Role role) {
        this(userId, username, role, null);
    }

    public boolean isAdmin() {
        return role == User.Role.ADMIN;
    }

    @Override
    public String getName() {
        return username;
    }
}
