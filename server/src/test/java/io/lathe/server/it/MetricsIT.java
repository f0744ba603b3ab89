package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/** Metadata as chart series: the API's downsampling and axes, the execution page's live charts, the compare page. */
@ExtendWith(SharedServer.class)
class MetricsIT {

    private static Api api;
    private static String project;
    private static String commit;
    private static Browser browser;
    private static String adminPassword;

    @BeforeAll
    static void upload() throws Exception {
        api = SharedServer.admin();
        project = Projects.create(api, "metrics");
        commit = Projects.commit(api, project, CodePackages.of("behaviour"));
        browser = new Browser(SharedServer.server());
        adminPassword = Files.readString(SharedServer.server().home().resolve("secrets/initial-admin-password")).trim();
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    @Test
    void aLongSeriesIsDownsampledToThePointsAskedKeepingItsEndsAndExtremes() {
        String id = api.awaitEnd(start("many-metadata", "{\"points\": 20000}")).getString("id");
        JsonObject answer = series(id, "?points=500");
        assertEquals(20000, answer.getInt("metadata_points"));
        assertEquals("complete", answer.getString("status"));
        JsonObject loss = byKey(answer).get("loss");
        assertEquals("line", loss.getString("x_axis"), "no step or epoch: the position is the x axis");
        assertEquals(20000, loss.getInt("count"));
        assertTrue(loss.getBoolean("downsampled"));
        double[] x = numbers(loss.getJsonArray("x"));
        double[] y = numbers(loss.getJsonArray("y"));
        // 125 buckets; a falling curve has its first and largest, and its last and smallest, at the same points.
        assertTrue(x.length <= 500 && x.length >= 250, "points: " + x.length);
        assertEquals(x.length, y.length);
        assertEquals(0, x[0]);
        assertEquals(1.0, y[0]);
        assertEquals(19999, x[x.length - 1]);
        assertEquals(1.0 / 20000, y[y.length - 1]);
        int byDefault = byKey(series(id, "")).get("i").getJsonArray("x").size();
        assertTrue(byDefault <= 1000 && byDefault >= 500, "up to 1000 points unless asked: " + byDefault);

        String spiky = api.awaitEnd(start("metrics-over-time", "{\"steps\": 3000, \"pause\": 0}")).getString("id");
        JsonObject spikyLoss = byKey(series(spiky, "?points=100")).get("loss");
        assertEquals("step", spikyLoss.getString("x_axis"));
        double[] steps = numbers(spikyLoss.getJsonArray("x"));
        double[] losses = numbers(spikyLoss.getJsonArray("y"));
        assertTrue(steps.length <= 100, "points: " + steps.length);
        int spike = java.util.Arrays.stream(steps).boxed().toList().indexOf(1000.0);
        assertTrue(spike > 0, "the spike at step 1000 is kept: " + java.util.Arrays.toString(steps));
        assertEquals(5.0, losses[spike], 1e-6, "with its value");
        assertEquals(2999, steps[steps.length - 1]);
    }

    @Test
    void eachKeyIsDrawnAgainstStepElseEpochElsePosition() {
        String id = api.awaitEnd(start("metadata-axes", "{}")).getString("id");
        Map<String, JsonObject> series = byKey(series(id, ""));
        assertEquals(List.of("loss", "val_accuracy", "learning_rate"), List.copyOf(series.keySet()),
                "step and epoch are axes, not series; strings are not series");
        assertEquals("step", series.get("loss").getString("x_axis"));
        assertEquals(List.of(0.0, 10.0, 20.0, 30.0, 40.0, 50.0), list(series.get("loss").getJsonArray("x")));
        assertEquals("epoch", series.get("val_accuracy").getString("x_axis"));
        assertEquals(List.of(0.0, 1.0, 2.0), list(series.get("val_accuracy").getJsonArray("x")));
        assertEquals(List.of(0.5, 0.6, 0.7), list(series.get("val_accuracy").getJsonArray("y")));
        assertEquals("line", series.get("learning_rate").getString("x_axis"));
        assertEquals(List.of(9.0, 10.0), list(series.get("learning_rate").getJsonArray("x")));
        assertFalse(series.get("loss").getBoolean("downsampled"));
    }

    @Test
    void badPointsAreRefusedNamingTheField() {
        String id = api.awaitEnd(start("metadata-axes", "{}")).getString("id");
        for (String points : List.of("abc", "5", "10001", "-1")) {
            Api.Answer answer = api.get("/api/v1/executions/" + id + "/metadata/series?points=" + points);
            assertEquals(400, answer.status(), points + ": " + answer.body());
            assertEquals("points", answer.json().getString("field"));
        }
        assertEquals(404, api.get("/api/v1/executions/no-such-execution/metadata/series").status());
    }

    @Test
    void theExecutionPageDrawsAChartPerKeyThatGrowsWhileItRuns() throws Exception {
        String id = start("metrics-over-time", "{\"steps\": 16, \"pause\": 0.5}");
        int counter = api.get("/api/v1/executions/" + id).json().getInt("counter");
        browser.driver().manage().deleteAllCookies();
        browser.signIn("admin", adminPassword);
        browser.open("/projects/" + project + "/executions/" + counter);
        browser.await(Duration.ofSeconds(30), () -> points("loss") > 0);
        int first = points("loss");
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        js.executeScript("window.sameDocument = true;");
        browser.await(Duration.ofSeconds(20), () -> points("loss") > first
                && !List.of("complete", "error", "stopped").contains(browser.text("#status")));
        assertEquals(Boolean.TRUE, js.executeScript("return window.sameDocument === true;"),
                "the chart grew in place, not by a reload");
        assertTrue(browser.find("#metrics .chart[data-key=accuracy] canvas").isDisplayed(), "uPlot drew it");
        assertEquals(((Number) js.executeScript("return document.querySelector('#metrics .chart[data-key=loss]')"
                + ".uplot.data[0].length;")).intValue(), points("loss"), "the attribute is what uPlot holds");
        js.executeScript("document.getElementById('metrics').scrollIntoView();");
        browser.screenshot("execution-metrics");

        assertEquals("complete", api.awaitEnd(id).getString("status"));
        browser.await(Duration.ofSeconds(20), () -> browser.text("#status").equals("complete")
                && points("loss") == 16);
    }

    @Test
    void theComparePageOverlaysCurvesAndMarksDifferingParameters() throws Exception {
        int slow = api.awaitEnd(start("metrics-over-time", "{\"steps\": 8, \"pause\": 0, \"rate\": 0.1}"))
                .getInt("counter");
        int fast = api.awaitEnd(start("metrics-over-time", "{\"steps\": 8, \"pause\": 0, \"rate\": 0.9}"))
                .getInt("counter");
        browser.driver().manage().deleteAllCookies();
        browser.signIn("admin", adminPassword);
        browser.open("/projects/" + project + "/compare?counter=" + slow);
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        browser.type("#add-counter", Integer.toString(fast));
        browser.find("#compare-add button").click();
        browser.await(Duration.ofSeconds(10), () -> browser.text("#compared").contains("#" + fast));
        assertTrue(browser.text("#compared").contains("#" + slow), "the page's form adds to the chosen");
        WebElement rate = browser.find("#compare-parameters tr[data-name=rate]");
        assertTrue(rate.getAttribute("class").contains("differs"), "rate differs");
        assertTrue(rate.getText().contains("differs"), "said in words, not only colour: " + rate.getText());
        assertEquals(List.of("0.1", "0.9"), rate.findElements(By.cssSelector("td.mono")).stream()
                .map(WebElement::getText).toList(), "each execution's value in its column");
        WebElement steps = browser.find("#compare-parameters tr[data-name=steps]");
        assertFalse(steps.getAttribute("class").contains("differs"), "steps is the same");

        browser.await(Duration.ofSeconds(20), () -> curves("loss") == 2 && curves("accuracy") == 2);
        String legend = browser.text("#compare-charts .chart[data-key=loss] .u-legend");
        assertTrue(legend.contains("#" + slow) && legend.contains("#" + fast), legend);
        js.executeScript("document.getElementById('compare-parameters').scrollIntoView();");
        browser.screenshot("compare");

        browser.open("/projects/" + project + "/compare?counter=" + slow + "&counter=99999&counter=abc");
        String errors = browser.driver().findElements(By.cssSelector(".error")).stream().map(WebElement::getText)
                .collect(Collectors.joining("\n"));
        assertTrue(errors.contains("#99999"), "an unknown counter is told on the page: " + errors);
        assertTrue(errors.contains("'abc' is not an execution number"), errors);
        assertTrue(browser.text("#compared").contains("#" + slow), "the others are still compared");
        StringBuilder many = new StringBuilder("?counter=1");
        for (int i = 2; i <= 11; i++) {
            many.append("&counter=").append(i);
        }
        browser.open("/projects/" + project + "/compare" + many);
        assertTrue(browser.text(".error").contains("at most 10"));
    }

    private static int points(String key) {
        List<WebElement> charts = browser.driver().findElements(By.cssSelector("#metrics .chart[data-key=" + key + "]"));
        return charts.isEmpty() ? 0 : Integer.parseInt(charts.get(0).getAttribute("data-points"));
    }

    private static int curves(String key) {
        List<WebElement> charts = browser.driver().findElements(
                By.cssSelector("#compare-charts .chart[data-key=" + key + "]"));
        return charts.isEmpty() ? 0 : Integer.parseInt(charts.get(0).getAttribute("data-curves"));
    }

    private static String start(String step, String parameters) {
        Api.Answer answer = api.postJson("/api/v1/executions", "{\"project\":\"" + project + "\",\"commit\":\""
                + commit + "\",\"step\":\"" + step + "\",\"parameters\":" + parameters + "}");
        assertEquals(201, answer.status(), answer.body());
        return answer.json().getString("id");
    }

    private static JsonObject series(String id, String query) {
        Api.Answer answer = api.get("/api/v1/executions/" + id + "/metadata/series" + query);
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    private static Map<String, JsonObject> byKey(JsonObject answer) {
        return answer.getJsonArray("series").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(s -> s.getString("key"), Function.identity(), (a, b) -> a,
                        java.util.LinkedHashMap::new));
    }

    private static double[] numbers(JsonArray array) {
        return array.getValuesAs(JsonNumber.class).stream().mapToDouble(JsonNumber::doubleValue).toArray();
    }

    private static List<Double> list(JsonArray array) {
        return array.getValuesAs(JsonNumber.class).stream().map(JsonNumber::doubleValue).toList();
    }
}
