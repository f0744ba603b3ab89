package io.lathe.server.plugins.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.OutboundAddresses;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpdateSitesTest {

    private static UpdateSites sites(String allowlist) {
        UpdateSites sites = new UpdateSites();
        sites.addresses = new OutboundAddresses(Optional.ofNullable(allowlist));
        return sites;
    }

    private static String folderUrl(UpdateSites sites, String url) throws Exception {
        Method method = UpdateSites.class.getDeclaredMethod("folderUrl", String.class);
        method.setAccessible(true);
        try {
            return (String) method.invoke(sites, url);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void sitesAreHttpsOrFileAndPlainHttpOnlyForAnAllowedHost() throws Exception {
        assertEquals("https://plugins.example.com/lathe/", folderUrl(sites(null), "https://plugins.example.com/lathe"));
        assertEquals("file:///srv/plugins/", folderUrl(sites(null), "file:///srv/plugins/"));
        DomainException http = assertThrows(DomainException.class,
                () -> folderUrl(sites(null), "http://plugins.example.com/"));
        assertEquals("url", http.field());
        assertTrue(http.getMessage().contains(OutboundAddresses.ALLOWLIST), http.getMessage());
        assertEquals("http://localhost:9/", folderUrl(sites("localhost"), "http://localhost:9/"));
    }

    @Test
    void aFileDownloadUrlIsTakenOnlyFromAFileSite() {
        UpdateSite network = new UpdateSite("net", "https://plugins.example.com/", 0);
        assertThrows(DomainException.class, () -> UpdateSites.resolve(network, "file:///etc/passwd"));
        assertThrows(DomainException.class, () -> UpdateSites.resolve(network, "http://plugins.example.com/x.jar"));
        assertEquals(URI.create("https://plugins.example.com/x.jar"), UpdateSites.resolve(network, "x.jar"));
        UpdateSite local = new UpdateSite("local", "file:///srv/plugins/", 0);
        assertEquals(URI.create("file:///srv/plugins/x.jar"), UpdateSites.resolve(local, "x.jar"));
    }
}
