package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The administrator's plugin life cycle on a running server, with plugin jars built by the test: upload, upgrade,
 * disable, enable, uninstall; the refusals, each leaving the plugins folder as it was; changes that wait for a
 * restart; and the same from the console. Only the test's own plugin ids are changed: the bundled plugins are shared.
 */
@ExtendWith(SharedServer.class)
class PluginAdminIT {

    private static final String ADMIN_PLUGINS = "/api/v1/admin/plugins";
    private static Api admin;
    private static Path pluginsFolder;
    private static Browser browser;

    @BeforeAll
    static void connect() throws IOException {
        admin = SharedServer.admin();
        pluginsFolder = SharedServer.server().home().resolve("plugins");
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** The admin's browser, signed in on first use. */
    private static Browser browser() throws IOException {
        if (browser == null) {
            browser = new Browser(SharedServer.server());
            String password = Files.readString(SharedServer.server().home()
                    .resolve("secrets/initial-admin-password")).trim();
            browser.signIn("admin", password);
        }
        return browser;
    }

    @Test
    void aJarThatFailedToLoadIsRemovedFromTheConsoleByItsFileName() throws IOException {
        String file = BrokenPlugins.REMOVABLE_FILE;
        assertTrue(admin.get(ADMIN_PLUGINS).body().contains(file), "listed as failed first");
        Browser browser = browser();
        browser.open("/admin/plugins");
        browser.driver().findElements(By.cssSelector("button.plugin-remove-file")).stream()
                .filter(b -> b.getText().contains(file)).findFirst()
                .orElseThrow(() -> new AssertionError("no Remove button for " + file)).click();
        browser.await(Duration.ofSeconds(10), () -> browser.text(".notice").contains("Removed " + file));
        assertFalse(Files.exists(pluginsFolder.resolve(file)), "the file is gone from the folder");
        assertFalse(admin.get(ADMIN_PLUGINS).body().contains(file), "and from the list");

        Api.Answer again = admin.send("DELETE", ADMIN_PLUGINS + "/files/" + file, null);
        assertEquals(404, again.status(), again.body());
        Api.Answer loaded = admin.send("DELETE", ADMIN_PLUGINS + "/files/storage-local.jar", null);
        assertEquals(404, loaded.status(), "a plugin that loaded is not removed by file: " + loaded.body());
        assertTrue(Files.exists(pluginsFolder.resolve("storage-local.jar")));
        assertTrue(admin.get("/api/v1/admin/audit").body().contains("plugin.remove-file"));
    }

    private static Api.Answer upload(byte[] jar) {
        return admin.postBytes(ADMIN_PLUGINS, jar, "application/java-archive");
    }

    private static Optional<JsonObject> listed(String path, String id) {
        return admin.get(path).array().stream().map(JsonValue::asJsonObject)
                .filter(p -> id.equals(p.getString("id", null))).findFirst();
    }

    private static List<String> auditActions(String target) {
        return admin.get("/api/v1/admin/audit?limit=200").array().stream().map(JsonValue::asJsonObject)
                .filter(e -> target.equals(e.getString("target", null))).map(e -> e.getString("action")).toList();
    }

    private static List<String> folder() throws IOException {
        try (Stream<Path> files = Files.list(pluginsFolder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aPluginIsInstalledUpgradedDisabledEnabledAndUninstalledWhileTheServerRuns() throws IOException {
        Api.Answer installed = upload(TestPlugins.jar(TestPlugins.plugin("it-greeter", "1.0.0")));
        assertEquals(201, installed.status(), installed.body());
        assertFalse(installed.json().getBoolean("restartRequired"));
        assertEquals("started", installed.json().getJsonObject("plugin").getString("state"));
        assertTrue(Files.exists(pluginsFolder.resolve("it-greeter.jar")));
        JsonObject everyone = listed("/api/v1/plugins", "it-greeter").orElseThrow();
        JsonObject extension = everyone.getJsonArray("extensions").getJsonObject(0);
        assertEquals("notifier", extension.getString("point"));
        assertEquals("it-greeter-notifier", extension.getString("id"));
        assertEquals("it-greeter notifier 1.0.0", extension.getString("name"));

        Api.Answer again = upload(TestPlugins.jar(TestPlugins.plugin("it-greeter", "1.0.0")));
        assertEquals(409, again.status(), again.body());
        assertEquals("Plugin-Version", again.json().getString("field"));

        Api.Answer upgraded = upload(TestPlugins.jar(TestPlugins.plugin("it-greeter", "1.1.0")));
        assertEquals(200, upgraded.status(), upgraded.body());
        assertTrue(upgraded.json().getString("message").contains("from 1.0.0 to 1.1.0"), upgraded.body());
        JsonObject now = listed(ADMIN_PLUGINS, "it-greeter").orElseThrow();
        assertEquals("1.1.0", now.getString("version"));
        assertEquals("started", now.getString("state"));
        assertEquals("it-greeter notifier 1.1.0", now.getJsonArray("extensions").getJsonObject(0).getString("name"),
                "the new version's classes run");

        Api.Answer disabled = admin.send("POST", ADMIN_PLUGINS + "/it-greeter/disable", "");
        assertEquals(200, disabled.status(), disabled.body());
        assertEquals("disabled", listed(ADMIN_PLUGINS, "it-greeter").orElseThrow().getString("state"));
        assertTrue(Files.readString(pluginsFolder.resolve("disabled.txt")).contains("it-greeter"),
                "a disable lasts over restarts");
        assertTrue(listed("/api/v1/plugins", "it-greeter").orElseThrow().getJsonArray("extensions").stream()
                .map(JsonValue::asJsonObject).allMatch(e -> !e.containsKey("id")), "a disabled plugin's factory is gone");

        Api.Answer enabled = admin.send("POST", ADMIN_PLUGINS + "/it-greeter/enable", "");
        assertEquals(200, enabled.status(), enabled.body());
        assertEquals("started", listed(ADMIN_PLUGINS, "it-greeter").orElseThrow().getString("state"));
        assertFalse(Files.readString(pluginsFolder.resolve("disabled.txt")).contains("it-greeter"));

        Api.Answer removed = admin.send("DELETE", ADMIN_PLUGINS + "/it-greeter", null);
        assertEquals(200, removed.status(), removed.body());
        assertTrue(listed(ADMIN_PLUGINS, "it-greeter").isEmpty());
        assertFalse(Files.exists(pluginsFolder.resolve("it-greeter.jar")));
        assertEquals(404, admin.send("DELETE", ADMIN_PLUGINS + "/it-greeter", null).status());

        assertEquals(List.of("plugin.uninstall", "plugin.enable", "plugin.disable", "plugin.upgrade",
                "plugin.install"), auditActions("it-greeter"));
    }

    @Test
    void aPluginJarThatBundlesACopyOfThePluginApiRunsOnTheServersTypes() throws IOException {
        byte[] jar = TestPlugins.jar(TestPlugins.plugin("it-bundles-api", "1.0.0").bundlingApiCopy());
        try (JarInputStream entries = new JarInputStream(new ByteArrayInputStream(jar))) {
            boolean copied = false;
            for (JarEntry entry = entries.getNextJarEntry(); entry != null; entry = entries.getNextJarEntry()) {
                copied |= entry.getName().equals(TestPlugins.API_COPY);
            }
            assertTrue(copied, "the jar holds its own, different copy of " + TestPlugins.API_COPY);
        }
        Api.Answer installed = upload(jar);
        assertEquals(201, installed.status(), installed.body());
        assertEquals("started", installed.json().getJsonObject("plugin").getString("state"));
        JsonObject extension = listed("/api/v1/plugins", "it-bundles-api").orElseThrow()
                .getJsonArray("extensions").getJsonObject(0);
        assertEquals("notifier", extension.getString("point"), "its factory is the server's NotifierFactory");
        assertEquals("it-bundles-api-notifier", extension.getString("id"));

        String channels = "/api/v1/admin/notification-channels";
        Api.Answer channel = admin.postJson(channels, "{\"name\":\"it-bundles-api\","
                + "\"factory\":\"it-bundles-api-notifier\",\"settings\":{}}");
        assertEquals(201, channel.status(), channel.body());
        Api.Answer tested = admin.send("POST", channels + "/it-bundles-api/test", "");
        assertEquals(200, tested.status(), tested.body());
        assertTrue(tested.json().getBoolean("delivered"), "made and called with the server's types: " + tested.body());

        assertEquals(204, admin.send("DELETE", channels + "/it-bundles-api", null).status());
        Api.Answer removed = admin.send("DELETE", ADMIN_PLUGINS + "/it-bundles-api", null);
        assertEquals(200, removed.status(), removed.body());
    }

    @Test
    void incompatibleOrMalformedPluginsAreRefusedSayingWhatTheyNeedAndNothingIsWritten() throws IOException {
        List<String> before = folder();

        Api.Answer notAJar = admin.postBytes(ADMIN_PLUGINS, "hello".getBytes(), "application/octet-stream");
        assertEquals(400, notAJar.status(), notAJar.body());
        assertEquals("not-a-jar", notAJar.json().getString("error"));

        Api.Answer form = admin.postBytes(ADMIN_PLUGINS, "--x--".getBytes(), "multipart/form-data; boundary=x");
        assertEquals(415, form.status(), form.body());
        assertEquals("body", form.json().getString("field"));

        Api.Answer noId = upload(manifestOnly());
        assertEquals(400, noId.status(), noId.body());
        assertEquals("Plugin-Id", noId.json().getString("field"));

        Api.Answer future = upload(TestPlugins.jar(TestPlugins.plugin("it-future", "1.0.0").requiring(">=99.0.0")));
        assertEquals(409, future.status(), future.body());
        assertEquals("Plugin-Requires", future.json().getString("field"));
        String message = future.json().getString("message");
        assertTrue(message.contains(">=99.0.0") && message.contains("this server is Lathe " + BuildVersion.expected()),
                message);

        Api.Answer orphan = upload(TestPlugins.jar(TestPlugins.plugin("it-orphan", "1.0.0")
                .dependingOn("it-nowhere@>=2.0.0")));
        assertEquals(409, orphan.status(), orphan.body());
        assertEquals("missing-dependency", orphan.json().getString("error"));
        assertTrue(orphan.json().getString("message").contains("'it-nowhere' >=2.0.0"), orphan.body());

        Api.Answer staleIndex = upload(TestPlugins.jarNamingAMissingExtension(
                TestPlugins.plugin("it-stale-index", "1.0.0"), "lathetest.gone.Vanished"));
        assertEquals(400, staleIndex.status(), staleIndex.body());
        assertEquals("missing-extension-class", staleIndex.json().getString("error"));
        assertEquals("META-INF/extensions.idx", staleIndex.json().getString("field"));
        assertTrue(staleIndex.json().getString("message").contains("lathetest.gone.Vanished"), staleIndex.body());

        assertEquals(before, folder(), "a refused upload leaves the plugins folder as it was");
        assertTrue(listed(ADMIN_PLUGINS, "it-stale-index").isEmpty());
        assertTrue(listed(ADMIN_PLUGINS, "it-future").isEmpty());
        assertTrue(listed(ADMIN_PLUGINS, "it-orphan").isEmpty());
    }

    @Test
    void aPluginOthersDependOnIsUpgradedAtTheNextStartAndCannotBeDisabledUnderThem() throws IOException {
        assertEquals(201, upload(TestPlugins.jar(TestPlugins.plugin("it-base", "1.0.0"))).status());
        Api.Answer tooOld = upload(TestPlugins.jar(TestPlugins.plugin("it-user", "1.0.0")
                .dependingOn("it-base@>=1.5.0")));
        assertEquals(409, tooOld.status(), tooOld.body());
        assertTrue(tooOld.json().getString("message").contains("1.0.0 is installed"), tooOld.body());
        Api.Answer user = upload(TestPlugins.jar(TestPlugins.plugin("it-user", "1.0.0")
                .dependingOn("it-base@>=1.0.0")));
        assertEquals(201, user.status(), user.body());
        assertEquals("started", user.json().getJsonObject("plugin").getString("state"));

        Api.Answer refused = admin.send("POST", ADMIN_PLUGINS + "/it-base/disable", "");
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.json().getString("message").contains("it-user"), refused.body());
        assertEquals("started", listed(ADMIN_PLUGINS, "it-base").orElseThrow().getString("state"));

        Api.Answer upgrade = upload(TestPlugins.jar(TestPlugins.plugin("it-base", "1.1.0")));
        assertEquals(202, upgrade.status(), upgrade.body());
        assertTrue(upgrade.json().getBoolean("restartRequired"));
        assertTrue(upgrade.json().getString("message").startsWith("Restart required"), upgrade.body());
        JsonObject base = listed(ADMIN_PLUGINS, "it-base").orElseThrow();
        assertEquals("1.0.0", base.getString("version"), "the running version stays until the restart");
        assertEquals("upgrade", base.getString("pendingAction"));
        assertTrue(base.getBoolean("restartRequired"));
        assertTrue(Files.exists(pluginsFolder.resolve("it-base.jar.pending")));
        assertTrue(Files.readString(pluginsFolder.resolve("pending-actions.properties")).contains("it-base=upgrade"));

        Api.Answer stillNeeded = admin.send("DELETE", ADMIN_PLUGINS + "/it-base", null);
        assertEquals(409, stillNeeded.status(), stillNeeded.body());
        assertEquals("has-dependents", stillNeeded.json().getString("error"));
        assertEquals(200, admin.send("DELETE", ADMIN_PLUGINS + "/it-user", null).status());
        assertEquals(200, admin.send("DELETE", ADMIN_PLUGINS + "/it-base", null).status());
        assertFalse(Files.exists(pluginsFolder.resolve("it-base.jar.pending")), "the waiting upgrade went with it");
        assertFalse(Files.exists(pluginsFolder.resolve("it-base.jar")));
    }

    @Test
    void aPluginWithALiveInstanceIsDisabledAtTheNextStartAndEnablingCancelsThat() throws IOException {
        String project = Projects.create(admin, "plugin-admin");
        String commit = Projects.commit(admin, project, CodePackages.of("search"));
        Api.Answer task = admin.postJson("/api/v1/tasks", "{\"project\":\"" + project + "\",\"commit\":\"" + commit
                + "\",\"step\":\"quadratic\",\"type\":\"grid\",\"parallelism\":1,"
                + "\"parameters\":{\"x\":{\"style\":\"multiple\",\"rules\":{\"items\":[1]}},"
                + "\"y\":{\"style\":\"multiple\",\"rules\":{\"items\":[2]}}},"
                + "\"objective\":{\"metric\":\"loss\",\"direction\":\"minimize\"}}");
        assertEquals(201, task.status(), task.body());
        try {
            // The grid task made a live 'grid' optimizer from the bundled optimizer-grid plugin.
            Api.Answer disabled = admin.send("POST", ADMIN_PLUGINS + "/optimizer-grid/disable", "");
            assertEquals(202, disabled.status(), disabled.body());
            assertTrue(disabled.json().getBoolean("restartRequired"));
            assertTrue(disabled.json().getString("message").contains("optimizer 'grid'"), disabled.body());
            JsonObject grid = listed(ADMIN_PLUGINS, "optimizer-grid").orElseThrow();
            assertEquals("started", grid.getString("state"), "it keeps running until the restart");
            assertEquals("disable", grid.getString("pendingAction"));
            assertTrue(Files.readString(pluginsFolder.resolve("disabled.txt")).contains("optimizer-grid"));

            Browser browser = browser();
            browser.open("/admin/plugins");
            assertTrue(browser.text("#plugins tr[data-plugin='optimizer-grid'] .restart-required")
                    .contains("disable"));
            assertTrue(browser.find("p.notice .restart-required").isDisplayed(), "the page says changes wait");
            browser.find("#plugins tr[data-plugin='optimizer-grid'] button.plugin-enable").click();
            browser.await(Duration.ofSeconds(10), () -> browser.text("p.notice")
                    .contains("pending disable of optimizer-grid is cancelled"));
        } finally {
            Api.Answer enabled = admin.send("POST", ADMIN_PLUGINS + "/optimizer-grid/enable", "");
            assertEquals(200, enabled.status(), "enabling again is harmless: " + enabled.body());
        }
        JsonObject grid = listed(ADMIN_PLUGINS, "optimizer-grid").orElseThrow();
        assertEquals("started", grid.getString("state"));
        assertFalse(grid.getBoolean("restartRequired"));
        assertFalse(grid.containsKey("pendingAction"));
        admin.await("/api/v1/tasks/" + task.json().getString("id"), t -> t.getString("status").equals("complete"),
                Duration.ofSeconds(120));
    }

    @Test
    void thePluginsTheDefaultStoreAndEnvironmentRunOnAndBundledPluginsStay() {
        Api.Answer storage = admin.send("POST", ADMIN_PLUGINS + "/storage-local/disable", "");
        assertEquals(409, storage.status(), storage.body());
        assertTrue(storage.json().getString("message").contains("data store 'local'"), storage.body());
        Api.Answer compute = admin.send("DELETE", ADMIN_PLUGINS + "/compute-local", null);
        assertEquals(409, compute.status(), compute.body());
        Api.Answer bundled = admin.send("DELETE", ADMIN_PLUGINS + "/notifier-webhook", null);
        assertEquals(409, bundled.status(), bundled.body());
        assertEquals("bundled", bundled.json().getString("error"));
        for (String id : List.of("storage-local", "compute-local", "notifier-webhook")) {
            assertEquals("started", listed(ADMIN_PLUGINS, id).orElseThrow().getString("state"), id);
        }
        assertEquals(404, admin.send("POST", ADMIN_PLUGINS + "/no-such-plugin/enable", "").status());
    }

    @Test
    void anAdminUploadsAndDisablesAPluginFromTheConsole() throws IOException {
        Browser browser = browser();
        browser.open("/admin/plugins");
        Path jar = Files.createTempDirectory("upload-").resolve("it-console.jar");
        Files.write(jar, TestPlugins.jar(TestPlugins.plugin("it-console", "1.0.0")));
        browser.find("#plugin-file").sendKeys(jar.toString());
        browser.find("#plugin-upload-button").click();
        WebElement row = browser.find("#plugins tr[data-plugin='it-console']");
        assertTrue(row.getText().contains("started"), row.getText());
        assertTrue(browser.text("p.notice").contains("Installed it-console 1.0.0"));

        browser.find("#plugins tr[data-plugin='it-console'] button.plugin-disable").click();
        browser.await(Duration.ofSeconds(10), () -> browser.text("#plugins tr[data-plugin='it-console']")
                .contains("disabled"));
        assertTrue(browser.text("p.notice").contains("Disabled it-console"));
        assertEquals("disabled", listed(ADMIN_PLUGINS, "it-console").orElseThrow().getString("state"));
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "arguments[0].scrollIntoView({block: 'center'})",
                browser.find("#plugins tr[data-plugin='it-console']"));
        browser.screenshot("admin-plugins");

        browser.find("#plugins tr[data-plugin='storage-local'] button.plugin-disable").click();
        browser.await(Duration.ofSeconds(10), () -> !browser.driver().findElements(By.cssSelector("p.error")).isEmpty());
        assertTrue(browser.text("p.error").contains("data store 'local'"));

        Files.write(jar, "not a jar".getBytes());
        browser.find("#plugin-file").sendKeys(jar.toString());
        browser.find("#plugin-upload-button").click();
        browser.await(Duration.ofSeconds(10), () -> !browser.text("#plugin-upload-error").isEmpty());
        assertTrue(browser.text("#plugin-upload-error").contains("not a jar"));

        browser.find("#plugins tr[data-plugin='it-console'] button.plugin-uninstall").click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent())
                .dismiss();
        assertTrue(listed(ADMIN_PLUGINS, "it-console").isPresent(), "nothing happens unless confirmed");
        browser.find("#plugins tr[data-plugin='it-console'] button.plugin-uninstall").click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent())
                .accept();
        browser.await(Duration.ofSeconds(10), () -> browser.driver()
                .findElements(By.cssSelector("#plugins tr[data-plugin='it-console']")).isEmpty());
        assertTrue(listed(ADMIN_PLUGINS, "it-console").isEmpty());
    }

    /** A jar whose manifest has everything but the Plugin-Id. */
    private static byte[] manifestOnly() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Plugin-Version", "1.0.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.flush();
        }
        return bytes.toByteArray();
    }
}
