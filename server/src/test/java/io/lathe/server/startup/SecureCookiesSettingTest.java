package io.lathe.server.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecureCookiesSettingTest {

    @Test
    void onlyTrueOrFalseIsTakenAndATypoStopsTheServerNamingTheVariable() {
        assertTrue(ServerStartup.secureCookiesSetting("true"));
        assertFalse(ServerStartup.secureCookiesSetting(" false "));
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> ServerStartup.secureCookiesSetting("yes"));
        assertEquals("LATHE_SECURE_COOKIES must be true or false, not 'yes'", typo.getMessage());
    }
}
