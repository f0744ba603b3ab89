package io.lathe.server.it;

import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A console test class: one real Chromium for its tests against the shared server, and the first admin's password
 * (the file the server wrote, as a new administrator reads it).
 */
@ExtendWith(SharedServer.class)
abstract class BrowserTest {

    static Browser browser;
    static String adminPassword;

    @BeforeAll
    static void openBrowser() throws Exception {
        browser = new Browser(SharedServer.server());
        adminPassword = Files.readString(SharedServer.server().home().resolve("secrets/initial-admin-password")).trim();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}
