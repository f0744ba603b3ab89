package io.lathe.server.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecureCookiesSettingTest {

    private static final URI PLAIN = URI.create("http://localhost:8080/");
    private static final URI TLS = URI.create("https://lathe.example.com/");

    @Test
    void onlyTrueOrFalseIsTakenAndATypoStopsTheServerNamingTheVariable() {
        assertTrue(ServerStartup.secureCookiesSetting(Optional.of("true"), PLAIN));
        assertFalse(ServerStartup.secureCookiesSetting(Optional.of(" false "), TLS));
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> ServerStartup.secureCookiesSetting(Optional.of("yes"), PLAIN));
        assertEquals("LATHE_SECURE_COOKIES must be true or false, not 'yes'", typo.getMessage());
    }

    @Test
    void cookiesAreSecureByDefaultWhenUsersReachLatheOverHttps() {
        assertTrue(ServerStartup.secureCookiesSetting(Optional.empty(), TLS));
        assertTrue(ServerStartup.secureCookiesSetting(Optional.of(""), URI.create("HTTPS://lathe.example.com/")));
        assertFalse(ServerStartup.secureCookiesSetting(Optional.empty(), PLAIN));
    }
}
