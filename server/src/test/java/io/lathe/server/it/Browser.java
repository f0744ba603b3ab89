package io.lathe.server.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} with {@code chromedriver}, as {@code .ci/run} installs them)
 * driving the console, with screenshots saved under {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final WebDriver driver;
    private final LatheServer server;

    Browser(LatheServer server) throws IOException {
        this.server = server;
        Path profile = Files.createTempDirectory("chromium-profile-");
        ChromeOptions options = new ChromeOptions()
                .setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
    }

    WebDriver driver() {
        return driver;
    }

    /**
     * Opens {@code path}. A page the browser is leaving may have a reload of its own under way (an execution page
     * reloads itself once its execution ends); when that reload wins, the path is asked for again.
     */
    void open(String path) {
        java.net.URI target = server.uri(path);
        for (int attempt = 0; attempt < 3; attempt++) {
            driver.get(target.toString());
            if (java.net.URI.create(driver.getCurrentUrl()).getPath().equals(target.getPath())) {
                return;
            }
        }
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    WebElement find(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    /**
     * Waits until {@code condition} holds, as a page's script updates it. Elements the script replaced meanwhile
     * (stale references) are looked up again on the next try.
     */
    void await(Duration timeout, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    /** Waits until the browser has left {@code path} (a form posted, a link followed) and its new page is loaded. */
    void awaitLeaving(String path) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !path().equals(path)
                && "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /**
     * The text of the first element {@code css} matches, read again when the page's script replaced the element (or
     * reloaded the page) between finding and reading it.
     */
    String text(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(d -> d.findElement(By.cssSelector(css)).getText());
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    void signIn(String username, String password) {
        open("/sign-in");
        type("#username", username);
        type("#password", password);
        find("form.stacked button[type=submit]").click();
        awaitLeaving("/sign-in");
    }

    /** Saves what the page shows now as {@code target/screenshots/<name>.png}. */
    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
