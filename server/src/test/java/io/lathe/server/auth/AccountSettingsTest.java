package io.lathe.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccountSettingsTest {

    @Test
    void tokensLiveNinetyDaysUnlessTheAdministratorSaysOtherwise() {
        assertEquals(Duration.ofDays(90), new AccountSettings("90", "0").maxTokenLifetime());
        assertEquals(Duration.ofDays(7), new AccountSettings(" 7 ", "0").maxTokenLifetime());
        assertEquals(Runtime.getRuntime().availableProcessors(),
                new AccountSettings("90", "0").maxConcurrentPasswordChecks(), "0: one per core");
        assertEquals(3, new AccountSettings("90", "3").maxConcurrentPasswordChecks());
    }

    @Test
    void aTypoOrAValueOutOfRangeStopsTheServerNamingTheVariable() {
        for (String wrong : new String[] {"0", "-1", "ninety", "3651", "99999999999"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> new AccountSettings(wrong, "0"));
            assertEquals("LATHE_MAX_TOKEN_DAYS must be a whole number from 1 to 3650, not '" + wrong + "'",
                    refused.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new AccountSettings("90", "many"));
    }
}
