package io.lathe.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenLifetimeTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private final User user = new User("id", "ada", User.Role.USER, 0);

    @Test
    void aTokenEndsAtItsOwnExpiryOrAtTheLongestLifetimeAllowedNowWhicheverIsSooner() {
        ApiToken withoutExpiry = new ApiToken("t1", user, "old", "hash", 10 * DAY, null);
        assertEquals(100 * DAY, TokenAuthenticator.expiresAt(withoutExpiry, 90 * DAY),
                "a token made before there was a maximum ends at it");
        ApiToken shortLived = new ApiToken("t2", user, "short", "hash", 10 * DAY, 12 * DAY);
        assertEquals(12 * DAY, TokenAuthenticator.expiresAt(shortLived, 90 * DAY));
        ApiToken longLived = new ApiToken("t3", user, "long", "hash", 10 * DAY, 400 * DAY);
        assertEquals(40 * DAY, TokenAuthenticator.expiresAt(longLived, 30 * DAY),
                "lowering LATHE_MAX_TOKEN_DAYS shortens tokens made before");
    }
}
