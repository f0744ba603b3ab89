package io.lathe.server.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    @Test
    void theRightPasswordMatchesAndOthersDoNot() {
        String stored = PasswordHasher.hash("correct horse battery");
        assertTrue(PasswordHasher.matches("correct horse battery", stored));
        assertFalse(PasswordHasher.matches("correct horse battery ", stored));
        assertFalse(PasswordHasher.matches("", stored));
    }

    @Test
    void hashesAreSaltedAndNameTheirWorkFactor() {
        String first = PasswordHasher.hash("same password");
        String second = PasswordHasher.hash("same password");
        assertNotEquals(first, second);
        assertTrue(first.startsWith("pbkdf2-sha256$" + PasswordHasher.ITERATIONS + "$"), first);
        assertFalse(first.contains("same password"));
    }

    @Test
    void malformedStoredValuesNeverMatch() {
        assertFalse(PasswordHasher.matches("x", null));
        assertFalse(PasswordHasher.matches("x", "plain"));
        assertFalse(PasswordHasher.matches("x", "pbkdf2-sha256$abc$%%%$zzz"));
        assertFalse(PasswordHasher.matches(null, PasswordHasher.hash("password12")));
    }
}
