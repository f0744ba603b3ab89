package io.lathe.server.executions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void everyOccurrenceOfASecretBecomesStars() {
        SecretMask mask = new SecretMask(List.of("hunter2", "s3cr3t"));
        assertEquals("token=*** again *** and ***", mask.apply("token=hunter2 again hunter2 and s3cr3t"));
    }

    @Test
    void aSecretContainingAnotherIsMaskedWhole() {
        SecretMask mask = new SecretMask(List.of("abc", "abcdef"));
        assertEquals("x *** y", mask.apply("x abcdef y"));
    }

    @Test
    void linesWithoutSecretsAndTooShortSecretsAreLeftAlone() {
        SecretMask mask = new SecretMask(List.of("ab", ""));
        assertEquals("about a cab", mask.apply("about a cab"));
        assertEquals("plain", SecretMask.NONE.apply("plain"));
    }
}
