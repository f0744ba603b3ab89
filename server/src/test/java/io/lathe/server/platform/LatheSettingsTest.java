package io.lathe.server.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LatheSettingsTest {

    @Test
    void withoutABaseUrlUsersReachTheServerAtLocalhostOnItsPort() {
        assertEquals(URI.create("http://localhost:18555/"), LatheSettings.baseUrlSetting(Optional.empty(), 18555));
        assertEquals(URI.create("http://localhost:8080/"), LatheSettings.baseUrlSetting(Optional.of("  "), 8080));
        assertEquals(URI.create("http://localhost:8080/"),
                new LatheSettings("/tmp/lathe", 8080, "jdbc:h2:mem:x", Optional.empty()).baseUrl());
    }

    @Test
    void theBaseUrlIsKeptAsGivenAndEndsInASlash() {
        assertEquals(URI.create("https://lathe.example.com/"),
                LatheSettings.baseUrlSetting(Optional.of("https://lathe.example.com"), 8080));
        assertEquals(URI.create("http://lathe.example:9999/"),
                LatheSettings.baseUrlSetting(Optional.of(" http://lathe.example:9999/ "), 8080));
        assertEquals(URI.create("https://example.com/ml/lathe/"),
                LatheSettings.baseUrlSetting(Optional.of("https://example.com/ml/lathe"), 8080));
        assertEquals(URI.create("https://lathe.example.com/api/v1/datums/1/download"), new LatheSettings("/tmp/lathe",
                8080, Optional.of("https://lathe.example.com"), "jdbc:h2:mem:x", Optional.empty()).baseUrl()
                .resolve("api/v1/datums/1/download"));
    }

    @Test
    void aBaseUrlThatIsNotAnAbsoluteHttpUrlStopsTheServerNamingItsVariable() {
        for (String wrong : new String[] {"lathe.example.com", "/lathe/", "ftp://lathe.example.com/",
                "https://lathe.example.com/?x=1", "https://lathe.example.com/#top", "http://", "http://exa mple.com/"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> LatheSettings.baseUrlSetting(Optional.of(wrong), 8080), wrong);
            assertEquals("LATHE_BASE_URL must be the absolute http(s) URL users reach Lathe at, such as"
                    + " https://lathe.example.com/, not '" + wrong + "'", refused.getMessage());
        }
    }
}
