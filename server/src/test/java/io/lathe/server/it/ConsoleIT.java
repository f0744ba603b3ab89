package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;

/** The console in a real headless Chromium: signing in and out, projects, escaping, CSRF and cookie flags. */
class ConsoleIT extends BrowserTest {

    @Test
    void aStrangerIsSentToSignInAndBackToWhereTheyWereGoing() throws Exception {
        browser.driver().manage().deleteAllCookies();
        browser.open("/projects");
        assertEquals("/sign-in", browser.path());
        browser.screenshot("sign-in");
        browser.type("#username", "admin");
        browser.type("#password", "not the password");
        browser.find("form.stacked button[type=submit]").click();
        assertTrue(browser.text(".error").contains("Wrong username or password"));

        browser.type("#username", "admin");
        browser.type("#password", adminPassword);
        browser.find("form.stacked button[type=submit]").click();
        browser.awaitLeaving("/sign-in");
        assertEquals("/projects", browser.path());

        browser.find(".signout button").click();
        browser.awaitLeaving("/projects");
        assertEquals("/sign-in", browser.path());
        browser.open("/projects");
        assertEquals("/sign-in", browser.path(), "signed out means signed out");
    }

    @Test
    void projectsAreCreatedFromTheFormAndTextIsNeverMarkup() throws Exception {
        browser.driver().manage().deleteAllCookies();
        browser.signIn("admin", adminPassword);
        String name = "console-" + System.nanoTime();
        String script = "<script>alert(1)</script>";
        browser.type("#name", name);
        browser.type("#description", script);
        browser.find("form.stacked button[type=submit]").click();
        browser.awaitLeaving("/projects");
        assertEquals(name, browser.text("h1"));
        assertEquals(script, browser.text(".lead"), "shown as text");
        assertFalse(browser.driver().getPageSource().contains(script), "never as markup");
        browser.screenshot("project");

        browser.open("/projects");
        assertTrue(browser.text("#projects").contains(name));
        browser.screenshot("projects");

        browser.type("#name", "has spaces");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("document.getElementById('name').removeAttribute('pattern')");
        browser.find("form.stacked button[type=submit]").click();
        assertTrue(browser.text(".error").contains("project name"), "the server checks too");
    }

    @Test
    void anExecutionPageShowsItsRecordFollowsItsLogAndStopsIt() throws Exception {
        Api api = SharedServer.admin();
        String project = Projects.create(api, "console-runs");
        String quickstart = Projects.commit(api, project, Projects.quickstart());
        String behaviour = Projects.commit(api, project, CodePackages.of("behaviour"));
        String done = api.postJson("/api/v1/executions", "{\"project\":\"" + project + "\",\"commit\":\""
                + quickstart + "\",\"step\":\"prepare-data\",\"title\":\"<b>bold?</b>\"}").json().getString("id");
        int counter = api.awaitEnd(done).getInt("counter");

        browser.driver().manage().deleteAllCookies();
        browser.signIn("admin", adminPassword);
        browser.open("/projects/" + project);
        browser.find("#executions tbody a").click();
        assertEquals("/projects/" + project + "/executions/" + counter, browser.path());
        assertEquals("complete", browser.text("#status"));
        assertEquals("<b>bold?</b>", browser.text(".lead"));
        browser.await(Duration.ofSeconds(10), () -> browser.text("#log").contains("samples"));
        browser.screenshot("execution");
        assertTrue(browser.text("#outputs").contains("dataset.csv"));
        assertTrue(browser.text("#parameters").contains("samples 500"));

        String sleeper = api.postJson("/api/v1/executions", "{\"project\":\"" + project + "\",\"commit\":\""
                + behaviour + "\",\"step\":\"stderr-and-stdout\"}").json().getString("id");
        int live = api.get("/api/v1/executions/" + sleeper).json().getInt("counter");
        browser.open("/projects/" + project + "/executions/" + live);
        browser.await(Duration.ofSeconds(20), () -> browser.text("#log").contains("out-2"));
        assertTrue(browser.text("#log .log-stderr").contains("err-1"), "stderr is told apart");
        // When the execution ends, its page reloads itself once to show the whole record: let it, before leaving.
        browser.await(Duration.ofSeconds(20),
                () -> "true".equals(browser.find("#execution").getAttribute("data-terminal")));

        String long_ = api.postJson("/api/v1/executions", "{\"project\":\"" + project + "\",\"commit\":\""
                + behaviour + "\",\"step\":\"sleep\",\"parameters\":{\"seconds\":60}}").json().getString("id");
        api.await("/api/v1/executions/" + long_, e -> e.getString("status").equals("started"),
                Duration.ofSeconds(30));
        int longCounter = api.get("/api/v1/executions/" + long_).json().getInt("counter");
        browser.open("/projects/" + project + "/executions/" + longCounter);
        assertEquals("started", browser.text("#status"));
        browser.find("#stop").click();
        assertEquals("stopped", api.awaitEnd(long_).getString("status"));
        browser.await(Duration.ofSeconds(20), () -> browser.text("#status").equals("stopped"));
    }

    @Test
    void adminsManageUsersAndEveryoneManagesTheirTokens() throws Exception {
        browser.driver().manage().deleteAllCookies();
        browser.signIn("admin", adminPassword);
        browser.open("/admin/users");
        String carol = "carol-" + (System.nanoTime() % 100_000);
        browser.type("#new-username", carol);
        browser.type("#new-password", "carol's long password");
        browser.find("form.stacked button[type=submit]").click();
        assertTrue(browser.text(".notice").contains(carol));
        assertTrue(browser.text("#users").contains(carol));
        browser.screenshot("users");

        browser.find(".signout button").click();
        browser.signIn(carol, "carol's long password");
        browser.open("/admin/users");
        assertEquals("Not allowed", browser.text("h1"), "users are managed by admins only");

        browser.open("/tokens");
        browser.type("#token-name", "notebook");
        browser.find("form.stacked button[type=submit]").click();
        String token = browser.text("#new-token");
        Api withToken = new Api(SharedServer.server(), token);
        assertEquals(carol, withToken.get("/api/v1/me").json().getString("username"));
        browser.screenshot("tokens");
        browser.open("/tokens");
        assertFalse(browser.driver().getPageSource().contains(token), "a token is shown once");
        browser.find("#tokens button").click();
        assertTrue(browser.text(".notice").contains("revoked"));
        assertEquals(401, withToken.get("/api/v1/me").status());

        browser.open("/projects");
        browser.type("#name", "carols-" + (System.nanoTime() % 100_000));
        browser.find("form.stacked button[type=submit]").click();
        browser.type("#add-member input[name=username]", "admin");
        browser.find("#add-member button").click();
        assertTrue(browser.text("#members").contains("admin"), "the owner adds a member");
        browser.find("#add-member input[name=username]");
        browser.type("#add-member input[name=username]", "nobody-such");
        browser.find("#add-member button").click();
        assertTrue(browser.text(".error").contains("nobody-such"), "an unknown user is told at the form");
        browser.find("#members button").click();
        assertTrue(browser.text(".notice").contains("no longer a member"));
    }

    @Test
    void formsWithoutTheSessionsCsrfTokenAreRefusedAndTheCookieIsGuarded() throws Exception {
        browser.driver().manage().deleteAllCookies();
        browser.signIn("admin", adminPassword);
        Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
        assertTrue(session.isHttpOnly());
        assertEquals("Lax", session.getSameSite());
        assertFalse(session.isSecure(), "plain HTTP without LATHE_SECURE_COOKIES: a Secure cookie would never return");

        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        SharedServer.server().uri("/projects"))
                .header("Cookie", "JSESSIONID=" + session.getValue())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=forged")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forged.statusCode());
        assertFalse(SharedServer.admin().get("/api/v1/projects").body().contains("\"forged\""));
    }
}
