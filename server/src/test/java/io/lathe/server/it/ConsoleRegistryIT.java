package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Datasets and models in Chromium: browsing versions and their files, the owner approving a model version. */
class ConsoleRegistryIT extends BrowserTest {

    @Test
    void theOwnerReadsAModelVersionsLineageAndApprovesItAndDatasetsShowTheirFiles() throws Exception {
        Api api = SharedServer.admin();
        String project = Projects.create(api, "console-registry");
        String commit = Projects.commit(api, project, CodePackages.of("lineage"));
        String created = api.postJson("/api/v1/executions", "{\"project\":\"" + project + "\",\"commit\":\"" + commit
                + "\",\"step\":\"publish\"}").json().getString("id");
        JsonObject published = api.awaitEnd(created);
        String weights = published.getJsonArray("outputs").getJsonObject(0).getString("datum");
        assertEquals(201, api.postJson("/api/v1/projects/" + project + "/datasets/bundle/versions",
                "{\"version\":\"v1\",\"files\":[\"" + weights + "\"]}").status());
        String reader = Callers.createUser(api, "registry-reader", "user");
        assertEquals(200, api.send("PUT", "/api/v1/projects/" + project + "/members/" + reader,
                "{\"access\":\"read\"}").status());

        browser.driver().manage().deleteAllCookies();
        browser.signIn("admin", adminPassword);
        browser.open("/projects/" + project);
        browser.find("#models").click();
        browser.awaitLeaving("/projects/" + project);
        assertTrue(browser.text("#models").contains("classifier"));
        browser.find("#models a").click();
        assertTrue(browser.text("#versions").contains("pending"));
        browser.find("#versions a").click();
        assertEquals("pending", browser.text("#state"));
        String origins = browser.text("#origins");
        assertTrue(origins.contains("#" + published.getInt("counter")) && origins.contains("publish"), origins);
        assertTrue(browser.text("#files").contains("weights.bin"));

        browser.type("#comment", "<b>ship it</b>");
        browser.find("#approve").click();
        assertTrue(browser.text(".notice").contains("Version 1 is approved"));
        assertEquals("approved", browser.text("#state"));
        assertTrue(browser.text("#decision").contains("<b>ship it</b>"), "a comment is text");
        browser.screenshot("model-version");
        assertEquals("approved", api.get("/api/v1/projects/" + project + "/models/classifier/versions/1").json()
                .getString("state"));

        browser.open("/projects/" + project + "/datasets");
        assertTrue(browser.text("#datasets").contains("bundle"));
        browser.find("#datasets a").click();
        browser.find("#versions a").click();
        assertTrue(browser.text("#files").contains("weights.bin"));
        assertTrue(browser.driver().getPageSource().contains("dataset://bundle/v1"));
        browser.screenshot("dataset-version");

        browser.find(".signout button").click();
        browser.signIn(reader, Callers.PASSWORD);
        browser.open("/projects/" + project + "/models/classifier/1");
        assertEquals("approved", browser.text("#state"));
        assertTrue(browser.driver().findElements(By.cssSelector("#decide")).isEmpty(), "only the owner decides");
    }
}
