package io.lathe.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

class UserTest {

    @Test
    void aHashMadeWithFewerIterationsIsRemadeAtTheNextGoodPassword() throws Exception {
        User user = new User("id", "ada", User.Role.USER, 0);
        Field hash = User.class.getDeclaredField("passwordHash");
        hash.setAccessible(true);
        String older = PasswordHasher.hash("the old password", 210_000);
        hash.set(user, older);

        assertFalse(user.checkPassword("a wrong password"));
        assertEquals(older, hash.get(user), "a wrong password changes nothing");
        assertTrue(user.checkPassword("the old password"));
        String upgraded = (String) hash.get(user);
        assertTrue(upgraded.startsWith("pbkdf2-sha256$600000$"), upgraded);
        assertTrue(user.checkPassword("the old password"));
        assertEquals(upgraded, hash.get(user), "a current hash is kept");
    }

    @Test
    void endingSessionsRaisesTheVersionSessionsAreCheckedAgainst() {
        User user = new User("id", "ada", User.Role.USER, 0);
        int before = user.sessionsVersion();
        user.endSessions();
        assertEquals(before + 1, user.sessionsVersion());
    }
}
