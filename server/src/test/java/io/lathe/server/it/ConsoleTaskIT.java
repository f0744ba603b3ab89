package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Tasks in Chromium: started from the form, watched to the end with the best marked and charted, stopped. */
class ConsoleTaskIT extends BrowserTest {

    @Test
    void aTaskStartedFromTheFormRunsToTheEndWithItsBestMarkedAndCharted() throws Exception {
        Api api = SharedServer.admin();
        String project = Projects.create(api, "console-tasks");
        String commit = Projects.commit(api, project, CodePackages.of("search"));

        browser.driver().manage().deleteAllCookies();
        browser.signIn("admin", adminPassword);
        browser.open("/projects/" + project);
        browser.find("#tasks").click();
        browser.find("#new-task").click();
        browser.find("#parameters").clear();
        browser.type("#parameters", "{\"x\": {\"style\": \"multiple\", \"rules\": {\"items\": [0, 1, 3]}},"
                + " \"nope\": {\"style\": \"single\", \"rules\": {\"value\": 1}}}");
        browser.type("#metric", "loss");
        browser.find("#task-form button[type=submit]").click();
        assertTrue(browser.text("#parameters-error").contains("no parameter 'nope'"),
                "the server's refusal is shown at the field");
        assertTrue(browser.find("#parameters").getAttribute("value").contains("nope"), "what was typed is kept");

        browser.find("#parameters").clear();
        browser.type("#parameters", "{\"x\": {\"style\": \"multiple\", \"rules\": {\"items\": [0, 1, 3]}}}");
        browser.type("#title", "<script>alert(1)</script>");
        browser.find("#task-form button[type=submit]").click();
        browser.awaitLeaving("/projects/" + project + "/tasks/new");
        assertTrue(browser.path().matches("/projects/" + project + "/tasks/\\d+"), browser.path());
        assertEquals("<script>alert(1)</script>", browser.text(".lead"));
        browser.await(Duration.ofSeconds(120), () -> browser.text("#task-status").equals("complete"));
        assertEquals(3, browser.driver().findElements(By.cssSelector("#trials tbody tr")).size());
        assertEquals(6, browser.driver().findElements(By.cssSelector("#trials tr.best td")).size(),
                "trial, execution, status, x, objective and the mark: " + browser.text("#trials"));
        String best = browser.text("#trials tr.best");
        assertTrue(best.contains("1.0") && best.contains("best"), best);
        browser.await(Duration.ofSeconds(10), () -> !browser.driver()
                .findElements(By.cssSelector("#task-charts .chart[data-key=x]")).isEmpty());
        assertEquals("3", browser.find("#task-charts .chart[data-key=x]").getAttribute("data-points"));
        browser.screenshot("task");

        String slow = api.postJson("/api/v1/tasks", "{\"project\":\"" + project + "\",\"commit\":\"" + commit
                + "\",\"step\":\"quadratic\",\"type\":\"grid\",\"parallelism\":1,\"parameters\":{\"x\":{\"style\":"
                + "\"multiple\",\"rules\":{\"items\":[1,2,3]}},\"steps\":{\"style\":\"single\",\"rules\":{\"value\":"
                + "200}},\"pause\":{\"style\":\"single\",\"rules\":{\"value\":0.3}}}}").json().getString("id");
        int counter = api.get("/api/v1/tasks/" + slow).json().getInt("counter");
        browser.open("/projects/" + project + "/tasks/" + counter);
        browser.find("#stop").click();
        assertTrue(browser.text(".notice").contains("Stopping"));
        browser.await(Duration.ofSeconds(60), () -> browser.text("#task-status").equals("stopped"));
        assertEquals("stopped", api.get("/api/v1/tasks/" + slow).json().getString("status"));
    }
}
