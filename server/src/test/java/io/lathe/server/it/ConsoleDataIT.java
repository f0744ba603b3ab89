package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The data pages in Chromium: search by tag, alias and execution, a datum's lineage, pointing an alias, deleting. */
class ConsoleDataIT extends BrowserTest {

    @Test
    void datumsAreFoundByTagAliasAndExecutionAndShowTheirLineage() throws Exception {
        Api api = SharedServer.admin();
        String project = Projects.create(api, "console-data");
        String commit = Projects.commit(api, project, CodePackages.of("lineage"));
        JsonObject first = Projects.runToCompletion(api, project, commit, "\"step\":\"produce\"");
        JsonObject second = Projects.runToCompletion(api, project, commit, "\"step\":\"produce\"");
        Projects.runToCompletion(api, project, commit,
                "\"step\":\"consume\",\"inputs\":{\"model\":\"datum://latest-model\"}");
        String script = "<script>alert(1)</script>";
        assertEquals(201, api.postBytes("/api/v1/datums?project=" + project + "&name="
                + java.net.URLEncoder.encode(script, java.nio.charset.StandardCharsets.UTF_8) + "&tag=upload",
                new byte[] {1, 2, 3}, "application/octet-stream").status());

        browser.driver().manage().deleteAllCookies();
        browser.signIn("admin", adminPassword);
        browser.open("/projects/" + project);
        browser.find("#data").click();
        browser.awaitLeaving("/projects/" + project);
        String table = browser.text("#datums");
        assertTrue(table.contains("model.bin") && table.contains("report.txt") && table.contains("notes.txt"), table);
        assertTrue(table.contains(script), "a name is text, never markup");
        assertFalse(browser.driver().getPageSource().contains(script));
        browser.screenshot("data");

        browser.type("input[name=tag]", "candidate");
        browser.find("#data-search button[type=submit]").click();
        browser.await(Duration.ofSeconds(10), () -> browser.path().endsWith("/data")
                && browser.driver().findElements(By.cssSelector("#datums tbody tr")).size() == 2);

        browser.open("/projects/" + project + "/data?alias=latest-model");
        assertEquals(1, browser.driver().findElements(By.cssSelector("#datums tbody tr")).size());
        assertTrue(browser.text("#datums").contains("#" + second.getInt("counter")));

        browser.open("/projects/" + project + "/data?execution=%23" + first.getInt("counter"));
        assertEquals(2, browser.driver().findElements(By.cssSelector("#datums tbody tr")).size());
        browser.open("/projects/" + project + "/data?execution=nine");
        assertTrue(browser.text(".error").contains("execution's number"));

        browser.open("/projects/" + project + "/data?alias=latest-model");
        browser.find("#datums tbody a").click();
        String lineage = browser.text("#lineage");
        assertTrue(lineage.contains("output of") && lineage.contains("input of model"), lineage);
        assertTrue(lineage.contains("consume") && lineage.contains("report.txt"), lineage);
        assertTrue(browser.text("#tags").contains("candidate"));
        browser.screenshot("datum");

        String datumPage = browser.path();
        browser.open("/projects/" + project + "/executions/3");
        browser.find("#inputs a").click();
        browser.awaitLeaving("/projects/" + project + "/executions/3");
        assertEquals(datumPage, browser.path(), "the consumer's input links to the datum it took");
        browser.open(datumPage);
        browser.type("#alias", "best-model");
        browser.find("#point-alias button").click();
        assertTrue(browser.text(".notice").contains("datum://best-model"));
        assertTrue(browser.text("#aliases").contains("datum://best-model"));
        assertEquals(200, api.get("/api/v1/projects/" + project + "/datum-aliases/best-model").status());

        browser.find("#delete-datum input[name=confirm]").click();
        browser.find("#delete-datum button").click();
        browser.await(Duration.ofSeconds(10), () -> browser.text(".notice").contains("Deleted"));
        assertTrue(browser.text("h1 .badge").contains("deleted"));
        assertTrue(browser.driver().findElements(By.cssSelector("#delete-datum")).isEmpty());
    }
}
