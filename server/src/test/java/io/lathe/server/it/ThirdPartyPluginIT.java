package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plugin guide's third-party example (docs/examples/plugin-notifier-file, a one-screen pom inheriting
 * lathe-plugins-parent), built by this build as its author would, dropped into a server's plugin folder: it loads,
 * starts and offers its extension.
 */
class ThirdPartyPluginIT {

    @Test
    void theExamplePluginBuiltFromTheGuideLoadsAndOffersItsNotifier() throws Exception {
        Path home = Files.createTempDirectory("lathe-it-third-party-");
        Files.createDirectories(home.resolve("plugins"));
        Files.copy(Path.of("target", "third-party-plugins", "notifier-file.jar"),
                home.resolve("plugins").resolve("notifier-file.jar"));
        LatheServer server = new LatheServer(home, Map.of()).start();
        try {
            Api api = new Api(server, server.adminToken());
            JsonObject plugin = api.get("/api/v1/plugins").array().stream().map(JsonObject.class::cast)
                    .filter(p -> p.getString("id").equals("notifier-file")).findFirst()
                    .orElseThrow(() -> new AssertionError("not listed: " + api.get("/api/v1/plugins").body()));
            assertEquals("started", plugin.getString("state"), plugin.toString());
            assertEquals("1.0.0", plugin.getString("version"));
            assertTrue(plugin.toString().contains("\"file\""), "its notifier factory: " + plugin);
        } finally {
            server.stop();
        }
    }
}
