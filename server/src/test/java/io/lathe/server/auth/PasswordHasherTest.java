package io.lathe.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void newHashesTakeSixHundredThousandIterationsAreSaltedAndNameTheirWorkFactor() {
        String first = PasswordHasher.hash("same password");
        String second = PasswordHasher.hash("same password");
        assertNotEquals(first, second);
        assertEquals(600_000, PasswordHasher.ITERATIONS);
        assertTrue(first.startsWith("pbkdf2-sha256$600000$"), first);
        assertFalse(first.contains("same password"));
        assertFalse(PasswordHasher.needsUpgrade(first));
    }

    @Test
    void olderHashesStillMatchAndAreMarkedForUpgrade() {
        String older = PasswordHasher.hash("an older password", 210_000);
        assertTrue(older.startsWith("pbkdf2-sha256$210000$"), older);
        assertTrue(PasswordHasher.matches("an older password", older));
        assertTrue(PasswordHasher.needsUpgrade(older));
        assertTrue(PasswordHasher.needsUpgrade("plain"));
    }

    @Test
    void malformedStoredValuesNeverMatch() {
        assertFalse(PasswordHasher.matches("x", null));
        assertFalse(PasswordHasher.matches("x", "plain"));
        assertFalse(PasswordHasher.matches("x", "pbkdf2-sha256$abc$%%%$zzz"));
        assertFalse(PasswordHasher.matches("x", "pbkdf2-sha256$2000000000$AAAA$AAAA"), "no unbounded work");
        assertFalse(PasswordHasher.matches(null, PasswordHasher.hash("password12")));
    }
}
