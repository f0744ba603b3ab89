package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** Configured instances in Chromium: a form built from the extension's declared settings, secrets kept hidden. */
class ConsoleInstancesIT extends BrowserTest {

    @Test
    void anAdminAddsAnS3DataStoreFromItsDeclaredFormFixesARefusedFieldAndNeverSeesTheSecretAgain() throws Exception {
        browser.driver().manage().deleteAllCookies();
        browser.signIn("admin", adminPassword);
        browser.open("/admin/data-stores");
        assertTrue(browser.text("#instances").contains("local"));
        new Select(browser.find("#factory")).selectByValue("s3");
        browser.find("#choose-factory button").click();
        browser.await(Duration.ofSeconds(10), () -> browser.driver().getCurrentUrl().contains("factory=s3"));
        assertEquals("password", browser.find("#setting-secret-key").getAttribute("type"));

        browser.type("#name", "console-s3");
        browser.type("#setting-bucket", "Not_A_Bucket");
        browser.type("#setting-endpoint", "http://127.0.0.1:9");
        browser.type("#setting-access-key", "AKIACONSOLE");
        browser.type("#setting-secret-key", "console-top-secret");
        browser.find("#new-instance button[type=submit]").click();
        assertTrue(browser.text("#error-bucket").contains("bucket"), "refused at its field");
        assertEquals("console-s3", browser.find("#name").getAttribute("value"), "what was typed is kept");

        browser.type("#setting-bucket", "console-bucket");
        browser.type("#setting-secret-key", "console-top-secret");
        browser.find("#new-instance button[type=submit]").click();
        browser.awaitLeaving("/admin/data-stores");
        assertEquals("/admin/data-stores/console-s3", browser.path());
        assertEquals("", browser.find("#setting-secret-key").getAttribute("value"));
        assertTrue(browser.find("#setting-secret-key").getAttribute("placeholder").contains("leave empty to keep"));
        assertFalse(browser.driver().getPageSource().contains("console-top-secret"), "the secret is never sent back");
        browser.screenshot("admin-instance");

        browser.type("#setting-bucket", "console-bucket-2");
        browser.find("#edit-instance button[type=submit]").click();
        browser.await(Duration.ofSeconds(10),
                () -> !browser.driver().findElements(By.cssSelector(".notice")).isEmpty());
        assertEquals("console-bucket-2", SharedServer.admin().get("/api/v1/admin/data-stores/console-s3").json()
                .getJsonObject("settings").getString("bucket"));
        assertEquals("***", SharedServer.admin().get("/api/v1/admin/data-stores/console-s3").json()
                .getJsonObject("settings").getString("secret-key"), "saving without the secret kept it");

        browser.find("#delete-instance input[name=confirm]").click();
        browser.find("#delete-instance button").click();
        browser.await(Duration.ofSeconds(10), () -> browser.text(".notice").contains("was deleted"));
        assertEquals(404, SharedServer.admin().get("/api/v1/admin/data-stores/console-s3").status());
    }

    @Test
    void anAdminSendsATestThroughAChannelAndFindsTheFaultUnderThePluginThatFailed() throws Exception {
        Api admin = SharedServer.admin();
        for (String[] channel : new String[][] {{"console-fine", "fine"}, {"console-broken", "throw"}}) {
            assertEquals(201, admin.postJson("/api/v1/admin/notification-channels", "{\"name\":\"" + channel[0]
                    + "\",\"factory\":\"" + MisbehavingPlugins.FACTORY + "\",\"settings\":{\"behaviour\":\""
                    + channel[1] + "\"}}").status());
        }
        browser.driver().manage().deleteAllCookies();
        browser.signIn("admin", adminPassword);
        browser.open("/admin/notification-channels/console-fine");
        browser.find("#test-channel button").click();
        browser.await(Duration.ofSeconds(10),
                () -> !browser.driver().findElements(By.cssSelector(".notice")).isEmpty());
        assertEquals("Delivered a test event.", browser.text(".notice"));

        browser.open("/admin/notification-channels/console-broken");
        browser.find("#test-channel button").click();
        browser.await(Duration.ofSeconds(10),
                () -> !browser.driver().findElements(By.cssSelector(".error")).isEmpty());
        assertEquals("The test event was not delivered: the notification channel 'console-broken' failed deliver:"
                + " deliver breaks on purpose", browser.text(".error"));

        browser.open("/admin/plugins");
        String faults = browser.text("tr[data-plugin-faults=" + MisbehavingPlugins.PLUGIN + "]");
        assertTrue(faults.contains("fault(s) recorded"), faults);
        browser.find("tr[data-plugin-faults=" + MisbehavingPlugins.PLUGIN + "] summary").click();
        assertTrue(browser.text("tr[data-plugin-faults=" + MisbehavingPlugins.PLUGIN + "] ul.faults li")
                .contains("notification channel 'console-broken' deliver: the notification channel 'console-broken'"
                        + " failed deliver: deliver breaks on purpose"), "the latest fault is listed first");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()",
                browser.find("tr[data-plugin-faults=" + MisbehavingPlugins.PLUGIN + "]"));
        browser.screenshot("admin-plugins-faults");
    }
}
