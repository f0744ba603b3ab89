package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;

/** Users made for a test through the API, each signed in with a token of its own. */
final class Callers {

    static final String PASSWORD = "a long enough password";
    private static final AtomicInteger NEXT = new AtomicInteger();

    private Callers() {
    }

    /** A new user with a unique name starting with {@code prefix}. */
    static String createUser(Api admin, String prefix, String role) {
        String username = prefix + "-" + (System.nanoTime() % 100_000) + "-" + NEXT.incrementAndGet();
        Api.Answer created = admin.postJson("/api/v1/admin/users", "{\"username\":\"" + username
                + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"}");
        assertEquals(201, created.status(), created.body());
        return username;
    }

    /** Signs in with the password and returns a caller using the new token. */
    static Api signIn(LatheServer server, String username) {
        Api.Answer answer = new Api(server, null).postJson("/api/v1/auth/token", "{\"username\":\"" + username
                + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"tests\"}");
        assertEquals(201, answer.status(), answer.body());
        return new Api(server, answer.json().getString("token"));
    }
}
