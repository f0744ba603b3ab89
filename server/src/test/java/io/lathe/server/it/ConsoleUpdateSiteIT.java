package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/** An admin adds an update site on the plugins page, installs a plugin from it and upgrades it, all in the console. */
class ConsoleUpdateSiteIT extends BrowserTest {

    private static final String PLUGIN = "console-site-plugin";

    @Test
    void anAdminAddsASiteInstallsAPluginFromItAndUpgradesIt() throws Exception {
        Path site = Files.createTempDirectory("lathe-it-console-site-");
        var releases = Json.createArrayBuilder();
        for (String version : new String[] {"1.0.0", "1.1.0"}) {
            byte[] jar = TestPlugins.jar(TestPlugins.plugin(PLUGIN, version));
            Files.write(site.resolve(PLUGIN + "-" + version + ".jar"), jar);
            releases.add(Json.createObjectBuilder().add("version", version).add("requires", ">=0.1.0")
                    .add("url", PLUGIN + "-" + version + ".jar").add("sha512sum",
                            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(jar))));
        }
        Files.writeString(site.resolve("plugins.json"), Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("id", PLUGIN).add("provider", "Lathe tests").add("releases", releases)).build().toString());

        browser.driver().manage().deleteAllCookies();
        browser.signIn("admin", adminPassword);
        browser.open("/admin/plugins");
        browser.type("#site-id", "console-site");
        browser.type("#site-url", site.toUri().toString());
        browser.find("#add-site button[type=submit]").click();
        browser.await(Duration.ofSeconds(10), () -> browser.text(".notice").contains("Added the update site"));
        String offer = "[data-site=console-site] [data-offer=" + PLUGIN + "]";
        assertTrue(browser.text(offer).contains("1.1.0"), "the newest release is offered");

        new Select(browser.find(offer + " select")).selectByValue("1.0.0");
        browser.find(offer + " button.site-install").click();
        browser.await(Duration.ofSeconds(20), () -> browser.text(".notice").contains("Installed " + PLUGIN));
        assertTrue(browser.text("[data-plugin=" + PLUGIN + "]").contains("1.0.0"));

        assertEquals("Upgrade", browser.text(offer + " button.site-install"));
        browser.find(offer + " button.site-install").click();
        browser.await(Duration.ofSeconds(20), () -> browser.text(".notice").contains("Upgraded " + PLUGIN));
        assertTrue(browser.text("[data-plugin=" + PLUGIN + "]").contains("1.1.0"));
        browser.screenshot("admin-update-sites");

        Api admin = SharedServer.admin();
        JsonObject removed = admin.send("DELETE", "/api/v1/admin/plugins/" + PLUGIN, null).json();
        assertTrue(removed.getString("message").contains("Uninstalled"), removed.toString());
        assertEquals(204, admin.send("DELETE", "/api/v1/admin/update-sites/console-site", null).status());
    }
}
