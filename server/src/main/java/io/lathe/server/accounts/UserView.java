package io.lathe.server.accounts;

import io.lathe.server.auth.User;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;

/** A user as the API shows it; never the password hash. */
public record UserView(String id, String username, String role, boolean disabled,
        @JsonbProperty("created_at") Instant createdAt) {

    public static UserView of(User user) {
        return new UserView(user.id(), user.username(), user.role().name().toLowerCase(), user.disabled(),
                Instant.ofEpochMilli(user.createdAt()));
    }
}
