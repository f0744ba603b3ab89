package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's code upload, new-execution form and admin pages in a real headless Chromium: a package uploaded from
 * the page, an execution started from the form built from its step, out-of-range values refused at their field by
 * the page and (with the page's checks removed) by the server, and the plugin and system pages for admins only.
 */
class ConsoleExecutionFormIT extends BrowserTest {

    private static final String SCRIPT = "<script>alert(1)</script>";

    @Test
    void codeIsUploadedFromThePageAndAnExecutionStartedFromTheForm() throws Exception {
        browser.driver().manage().deleteAllCookies();
        browser.signIn("admin", adminPassword);
        String name = "form-" + System.nanoTime() % 1_000_000;
        browser.type("#name", name);
        browser.find("form.stacked button[type=submit]").click();
        browser.awaitLeaving("/projects");
        String projectPath = browser.path();
        assertTrue(projectPath.startsWith("/projects/"), projectPath);

        browser.find("#code").click();
        browser.awaitLeaving(projectPath);
        assertEquals(projectPath + "/commits", browser.path());
        Path broken = Files.createTempFile("not-a-package-", ".tar.gz");
        Files.writeString(broken, "this is not a tar file");
        browser.find("#package").sendKeys(broken.toAbsolutePath().toString());
        browser.find("#upload-button").click();
        browser.await(Duration.ofSeconds(10), () -> browser.text("#upload-error")
                .contains("not a readable .tar.gz"));
        assertTrue(browser.text(".empty").contains("No code"), "nothing is recorded for a bad package");

        // Larger than the server's package limit: refused while it streams in, with the limit named.
        String noise = new java.util.Random(7).ints(6_000_000, 33, 127)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        Path tooLarge = CodePackages.of(List.of(CodePackages.Entry.file("valohai.yaml", "[]\n"),
                CodePackages.Entry.file("noise.txt", noise)));
        assertTrue(Files.size(tooLarge) > SharedServer.MAX_PACKAGE_BYTES);
        browser.find("#package").sendKeys(tooLarge.toString());
        browser.find("#upload-button").click();
        browser.await(Duration.ofSeconds(20), () -> browser.text("#upload-error")
                .contains("larger than " + SharedServer.MAX_PACKAGE_BYTES + " bytes"));

        browser.find("#package").sendKeys(Projects.quickstart().toString());
        browser.find("#upload-button").click();
        assertTrue(browser.text(".notice").startsWith("Uploaded commit ~"));
        String steps = browser.text("#commits");
        assertTrue(steps.contains("prepare-data") && steps.contains("train"), steps);
        assertTrue(browser.text("#commits td.num").matches("[0-9.]+ (B|KiB)"), "the package's size");
        browser.screenshot("commits");

        browser.open(projectPath);
        browser.find("#new-execution").click();
        browser.awaitLeaving(projectPath);
        assertEquals(projectPath + "/executions/new", browser.path());
        assertEquals("prepare-data", new Select(browser.find("#pick-step-name")).getFirstSelectedOption().getText());
        WebElement samples = browser.find("[name='parameters.samples']");
        assertEquals("500", samples.getAttribute("value"), "the default");
        assertEquals("10", samples.getAttribute("min"));
        assertEquals("1000000", samples.getAttribute("max"));
        assertEquals("1", samples.getAttribute("step"), "an integer");
        assertEquals("any", browser.find("[name='parameters.noise']").getAttribute("step"), "a float");

        // The page refuses an out-of-range value and says why at the field; nothing is posted.
        browser.type("#f-title", SCRIPT);
        browser.type("[name='parameters.samples']", "5");
        browser.find("#start").click();
        browser.await(Duration.ofSeconds(5), () -> !browser.text("#e-f-parameter-0").isEmpty());
        assertTrue(browser.text("#e-f-parameter-0").contains("10"),
                browser.text("#e-f-parameter-0"));
        assertEquals(projectPath + "/executions/new", browser.path());
        assertEquals("[]", SharedServer.admin().get("/api/v1/executions?project=" + projectId(projectPath)).body(),
                "the browser did not post");

        // Without the page's checks, the server refuses it, and the form comes back as typed with the message there.
        ((JavascriptExecutor) browser.driver()).executeScript("document.querySelectorAll('input[type=number]')"
                + ".forEach(function (e) { e.removeAttribute('min'); e.removeAttribute('max'); })");
        browser.find("#start").click();
        browser.await(Duration.ofSeconds(10), () -> browser.text("#e-f-parameter-0")
                .contains("must be at least 10, not 5"));
        assertEquals("5", browser.find("[name='parameters.samples']").getAttribute("value"), "as typed");
        assertEquals(SCRIPT, browser.find("#f-title").getAttribute("value"), "the title as typed, as text");
        assertFalse(browser.driver().getPageSource().contains(SCRIPT), "never as markup");
        browser.screenshot("new-execution");

        browser.type("[name='parameters.samples']", "20");
        browser.find("#start").click();
        browser.awaitLeaving(projectPath + "/executions/new");
        assertTrue(browser.path().matches(projectPath.replace("/", "\\/") + "/executions/\\d+"), browser.path());
        assertEquals(SCRIPT, browser.text(".lead"), "the title as text");
        browser.await(Duration.ofSeconds(90), () -> browser.text("#status").equals("complete"));
        // The page reloads itself once the run has ended: read it after that, whenever it is.
        browser.await(Duration.ofSeconds(10), () -> browser.text("#parameters").contains("samples 20"));
    }

    @Test
    void aStepsChoicesAndInputsAreFieldsAndTheServersRefusalsLandThere() throws Exception {
        Api api = SharedServer.admin();
        String project = Projects.create(api, "form-train");
        String commit = Projects.commit(api, project, Projects.quickstart());
        browser.driver().manage().deleteAllCookies();
        browser.signIn("admin", adminPassword);
        browser.open("/projects/" + project + "/executions/new");
        new Select(browser.find("#pick-step-name")).selectByVisibleText("train");
        browser.await(Duration.ofSeconds(10), () -> browser.driver().getCurrentUrl().contains("step=train"));

        Select optimizer = new Select(browser.find("[name='parameters.optimizer']"));
        assertEquals(List.of("sgd", "momentum"), optimizer.getOptions().stream().map(WebElement::getText).toList());
        assertEquals("sgd", optimizer.getFirstSelectedOption().getText(), "the default");
        WebElement dataset = browser.find("[name='inputs.dataset']");
        assertEquals("textarea", dataset.getTagName());
        assertEquals("true", dataset.getAttribute("required"), "the input has no default and is not optional");

        // A choice the step does not offer, forged into the select: refused at its field, shown as text.
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        js.executeScript("var o = document.querySelector(\"[name='parameters.optimizer'] option\");"
                + " o.value = arguments[0]; o.selected = true;", SCRIPT);
        browser.type("[name='inputs.dataset']", "https://example.invalid/data.csv");
        browser.find("#start").click();
        browser.await(Duration.ofSeconds(10), () -> browser.text("#e-f-parameter-2")
                .contains("must be one of 'sgd', 'momentum', not '" + SCRIPT + "'"));
        assertFalse(browser.driver().getPageSource().contains(SCRIPT), "the message is text");

        // An input left empty, past the page's required check: the server's message is at the input.
        js.executeScript("document.querySelector(\"[name='inputs.dataset']\").removeAttribute('required');");
        browser.find("[name='inputs.dataset']").clear();
        browser.find("#start").click();
        browser.await(Duration.ofSeconds(10), () -> browser.text("#e-f-input-0")
                .contains("input 'dataset' needs at least one file"));
        assertEquals("sgd", new Select(browser.find("[name='parameters.optimizer']")).getFirstSelectedOption()
                .getText(), "a choice the step offers");
        assertEquals("[]", api.get("/api/v1/executions?project=" + project).body(), "nothing was started");
        assertTrue(browser.driver().getCurrentUrl().endsWith("/executions/new"));
        assertEquals(commit, browser.find("#new-execution input[name=commit]").getAttribute("value"));
    }

    @Test
    void aFlagUntickedIsFalseAndAStringParameterIsTextEverywhere() throws Exception {
        Api api = SharedServer.admin();
        String project = Projects.create(api, "form-flags");
        String commit = Projects.commit(api, project, CodePackages.of("behaviour"));
        browser.driver().manage().deleteAllCookies();
        browser.signIn("admin", adminPassword);
        browser.open("/projects/" + project + "/commits");
        browser.find("#commits a[href*='step=contract']").click();
        browser.awaitLeaving("/projects/" + project + "/commits");
        assertEquals("/projects/" + project + "/executions/new", browser.path());

        WebElement shuffle = browser.find("[name='parameters.shuffle']");
        assertEquals("checkbox", shuffle.getAttribute("type"));
        assertTrue(shuffle.isSelected(), "the default is true");
        shuffle.click();
        browser.type("[name='parameters.label']", SCRIPT);
        assertEquals("", browser.find("[name='inputs.data']").getAttribute("value"), "optional, no default");
        browser.find("#start").click();
        browser.awaitLeaving("/projects/" + project + "/executions/new");

        String parameters = browser.text("#parameters");
        assertTrue(parameters.contains("shuffle false") && parameters.contains("label " + SCRIPT), parameters);
        assertFalse(browser.driver().getPageSource().contains(SCRIPT), "never as markup");
        String counter = browser.path().substring(browser.path().lastIndexOf('/') + 1);
        jakarta.json.JsonObject created = jakarta.json.Json.createReader(new java.io.StringReader(
                api.get("/api/v1/executions?project=" + project).body())).readArray().getJsonObject(0);
        assertEquals(List.of(commit, Integer.parseInt(counter), false, SCRIPT), List.of(created.getString("commit"),
                created.getInt("counter"), created.getJsonObject("parameters").getBoolean("shuffle"),
                created.getJsonObject("parameters").getString("label")));
    }

    @Test
    void adminsSeeThePluginsAndTheSystemAndNobodyElseDoes() throws Exception {
        browser.driver().manage().deleteAllCookies();
        browser.signIn("admin", adminPassword);
        browser.find("a[href='/admin/plugins']").click();
        browser.awaitLeaving("/projects");
        assertEquals("/admin/plugins", browser.path());
        for (String plugin : List.of("storage-local", "compute-local", "optimizer-grid", "notifier-webhook")) {
            WebElement row = browser.find("#plugins tr[data-plugin='" + plugin + "']");
            assertTrue(row.getText().contains("started"), row.getText());
        }
        assertTrue(browser.text("#plugins").contains("compute"), "extensions are listed with their point");
        browser.screenshot("admin-plugins");

        browser.find("a[href='/admin/system']").click();
        browser.awaitLeaving("/admin/plugins");
        assertEquals("/admin/system", browser.path());
        assertEquals(BuildVersion.expected(), browser.text("#sys-lathe-version"));
        String database = browser.text("#sys-database");
        assertTrue(database.startsWith("H2") || database.startsWith("PostgreSQL"), database);
        assertTrue(browser.text("#sys-data-folder")
                .startsWith(SharedServer.server().home().toAbsolutePath().normalize().toString()));
        assertTrue(browser.text("#sys-database-url").startsWith("jdbc:"));
        assertTrue(browser.text("#sys-java").contains(System.getProperty("os.arch")));
        assertTrue(browser.text("#sys-uptime").contains("since"));
        browser.screenshot("admin-system");

        Api admin = SharedServer.admin();
        String project = Projects.create(admin, "form-readers");
        Projects.commit(admin, project, Projects.quickstart());
        String reader = Callers.createUser(admin, "reader", "user");
        assertEquals(200, admin.send("PUT", "/api/v1/projects/" + project + "/members/" + reader,
                "{\"access\":\"read\"}").status());
        browser.find(".signout button").click();
        browser.awaitLeaving("/admin/system");
        browser.signIn(reader, Callers.PASSWORD);
        for (String page : List.of("/admin/plugins", "/admin/system")) {
            browser.open(page);
            assertEquals("Not allowed", browser.text("h1"), page);
        }
        assertTrue(browser.driver().findElements(By.cssSelector("a[href='/admin/plugins']")).isEmpty());
        browser.open("/projects/" + project + "/commits");
        assertTrue(browser.text("#commits").contains("prepare-data"), "a reader sees the code");
        assertTrue(browser.driver().findElements(By.id("upload")).isEmpty(), "but cannot upload");
        browser.open("/projects/" + project);
        assertTrue(browser.driver().findElements(By.id("new-execution")).isEmpty());
        browser.open("/projects/" + project + "/executions/new");
        assertEquals("Not allowed", browser.text("h1"), "nor start executions");
    }

    private static String projectId(String projectPath) {
        return projectPath.substring("/projects/".length());
    }
}
