package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A project's executions table: the API's filters, sorts (by columns and by a metric's latest value) and keyset
 * paging, and the console's table that filters, sorts and pages in a real Chromium.
 */
@ExtendWith(SharedServer.class)
class ExecutionsTableIT {

    static final String VALOHAI_YAML = """
            - step:
                name: report
                image: busybox
                command:
                  - 'echo ''{"epoch": 1, "loss": 9.5, "note": "warm-up"}'''
                  # the pause lets the first point be stored alone: the second then updates its metric rows
                  - sleep 0.2
                  # printf: a placeholder right after a JSON brace would not be recognised
                  - 'printf ''{"epoch": 2, "loss": %s}\\n'' {parameter-value:loss}'
                parameters:
                  - name: loss
                    type: float
                    default: 1.0
            - step:
                name: quiet
                image: busybox
                command: "true"
            """;
    /** Losses with ties, so that ties broken by counter are walked too; null runs the quiet step. */
    static final Double[] LOSSES = {0.5, 0.25, null, 0.5, 2.0, null, 0.125, 0.5, 3.0, null, 1.5, 0.25};
    static final String[] TITLES = {"alpha", null, "beta", "alpha", null, "gamma", "beta", null, "delta", "alpha",
        null, "omega"};
    static final List<String> SORTS = List.of("counter", "created", "started", "duration", "status", "step", "title",
            "metric:loss");

    private static Api api;
    private static String project;
    private static Browser browser;

    @BeforeAll
    static void runExecutions() throws Exception {
        api = SharedServer.admin();
        project = Projects.create(api, "table");
        String commit = Projects.commit(api, project, CodePackages.of(List.of(
                CodePackages.Entry.file("valohai.yaml", VALOHAI_YAML))));
        for (String id : start(api, project, commit, LOSSES.length)) {
            assertEquals("complete", api.awaitEnd(id).getString("status"));
        }
        browser = new Browser(SharedServer.server());
        browser.signIn("admin", Files.readString(SharedServer.server().home()
                .resolve("secrets/initial-admin-password")).trim());
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Starts {@code count} executions of the fixture: report steps with LOSSES, quiet ones, TITLES. */
    static List<String> start(Api api, String project, String commit, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String step = LOSSES[i] == null ? "quiet" : "report";
            String parameters = LOSSES[i] == null ? "{}" : "{\"loss\": " + LOSSES[i] + "}";
            String title = TITLES[i] == null ? "" : ",\"title\":\"" + TITLES[i] + "\"";
            Api.Answer created = api.postJson("/api/v1/executions", "{\"project\":\"" + project + "\",\"commit\":\""
                    + commit + "\",\"step\":\"" + step + "\",\"parameters\":" + parameters + title + "}");
            assertEquals(201, created.status(), created.body());
            ids.add(created.json().getString("id"));
        }
        return ids;
    }

    @Test
    void theLatestValueOfEveryNumericKeyIsListedForTheMetricsAskedFor() {
        JsonArray all = api.get(list("&limit=1000&metrics=loss,epoch,note,missing")).array();
        assertEquals(LOSSES.length, all.size());
        for (JsonValue value : all) {
            JsonObject item = value.asJsonObject();
            int index = item.getInt("counter") - 1;
            JsonObject metrics = item.getJsonObject("metrics");
            if (LOSSES[index] == null) {
                assertEquals(0, metrics.size(), item.toString());
            } else {
                assertEquals(Map.of("loss", LOSSES[index], "epoch", 2.0), Map.of(
                        "loss", metrics.getJsonNumber("loss").doubleValue(),
                        "epoch", metrics.getJsonNumber("epoch").doubleValue()), item.toString());
                assertFalse(metrics.containsKey("note"), "only numbers are metrics");
            }
        }
        assertFalse(api.get(list("&limit=1")).array().getJsonObject(0).containsKey("metrics"),
                "no metrics asked for, none listed");
    }

    @Test
    void everySortInBothOrdersPagesThroughEveryExecutionOnceInOrder() {
        walkEverySort(api, project, LOSSES.length, 5);
    }

    /** Pages through the project with every sort and order and checks the order against the whole list's values. */
    static void walkEverySort(Api api, String project, int expected, int pageSize) {
        JsonArray all = api.get("/api/v1/executions?project=" + project + "&limit=1000&metrics=loss").array();
        assertEquals(expected, all.size());
        for (String sort : SORTS) {
            for (String order : List.of("asc", "desc")) {
                List<Integer> walked = walk(api, "/api/v1/executions?project=" + project + "&sort=" + sort + "&order="
                        + order + "&limit=" + pageSize);
                assertEquals(expected, new HashSet<>(walked).size(), sort + " " + order + ": " + walked);
                assertEquals(expected, walked.size(), sort + " " + order + " repeats rows: " + walked);
                List<Integer> ordered = all.stream().map(JsonValue::asJsonObject)
                        .sorted(order(sort, order.equals("desc"))).map(e -> e.getInt("counter")).toList();
                assertEquals(ordered, walked, sort + " " + order);
            }
        }
    }

    /** Follows X-Next-Cursor to the end, checking the Link header that goes with it. */
    static List<Integer> walk(Api api, String first) {
        List<Integer> counters = new ArrayList<>();
        String path = first;
        for (int pages = 0; path != null; pages++) {
            assertTrue(pages < 100, "paging does not end: " + first);
            Api.Answer page = api.get(path);
            assertEquals(200, page.status(), page.body());
            page.array().forEach(e -> counters.add(e.asJsonObject().getInt("counter")));
            String next = page.header("X-Next-Cursor");
            if (next != null) {
                String link = page.header("Link");
                assertTrue(link.contains("after=" + next) && link.contains("rel=\"next\""), link);
            }
            path = next == null ? null : first + "&after=" + next;
        }
        return counters;
    }

    /** The order the server must give: the value (empty values last, in both orders), then the counter. */
    static Comparator<JsonObject> order(String sort, boolean descending) {
        Function<JsonObject, Comparable<?>> key = switch (sort) {
            case "counter" -> e -> e.getInt("counter");
            case "created" -> e -> Instant.parse(e.getString("created_at"));
            case "started" -> e -> e.containsKey("started_at") ? Instant.parse(e.getString("started_at")) : null;
            case "duration" -> e -> e.containsKey("duration") ? e.getJsonNumber("duration").doubleValue() : null;
            case "status" -> e -> e.getString("status");
            case "step" -> e -> e.getString("step");
            case "title" -> e -> e.containsKey("title") ? e.getString("title") : null;
            case "metric:loss" -> e -> e.getJsonObject("metrics").containsKey("loss")
                    ? e.getJsonObject("metrics").getJsonNumber("loss").doubleValue() : null;
            default -> throw new IllegalArgumentException(sort);
        };
        return (a, b) -> {
            @SuppressWarnings("unchecked")
            Comparable<Object> x = (Comparable<Object>) key.apply(a);
            Object y = key.apply(b);
            int byValue = x == null ? (y == null ? 0 : 1) : y == null ? -1 : descending ? -x.compareTo(y)
                    : x.compareTo(y);
            int byCounter = Integer.compare(a.getInt("counter"), b.getInt("counter"));
            return byValue != 0 ? byValue : descending ? -byCounter : byCounter;
        };
    }

    @Test
    void filtersByStatusAndStepCombineWithSortsAndPaging() {
        assertEquals(LOSSES.length, api.get(list("&status=complete,error")).array().size());
        assertEquals(LOSSES.length, api.get(list("&status=error&status=complete")).array().size());
        assertEquals(0, api.get(list("&status=queued")).array().size());
        List<Integer> quiet = walk(api, list("&step=quiet&limit=2"));
        assertEquals(List.of(10, 6, 3), quiet);
        List<Integer> reportByLoss = walk(api, list("&step=report&status=complete&sort=metric:loss&order=asc"
                + "&limit=3"));
        assertEquals(List.of(7, 2, 12, 1, 4, 8, 11, 5, 9), reportByLoss);
        assertEquals(List.of(3, 6, 10), walk(api, list("&step=quiet&sort=metric:loss&limit=1")),
                "executions without the metric come last, by counter");
        assertEquals(List.of(), walk(api, list("&step=nope")));
    }

    @Test
    void theOlderBeforeParameterStillPagesByCounter() {
        JsonArray page = api.get(list("&before=5&limit=2")).array();
        assertEquals(List.of(4, 3), page.stream().map(e -> e.asJsonObject().getInt("counter")).toList());
    }

    @Test
    void badParametersAreRefusedWith400NamingTheParameter() {
        String otherSortCursor = api.get(list("&limit=1&sort=title")).header("X-Next-Cursor");
        assertNotNull(otherSortCursor);
        Map<String, String> bad = Map.ofEntries(
                Map.entry("&status=finished", "status"),
                Map.entry("&status=complete,nope", "status"),
                Map.entry("&sort=colour", "sort"),
                Map.entry("&sort=metric:", "sort"),
                Map.entry("&sort=metric:" + "x".repeat(201), "sort"),
                Map.entry("&order=up", "order"),
                Map.entry("&limit=0", "limit"),
                Map.entry("&limit=1001", "limit"),
                Map.entry("&limit=ten", "limit"),
                Map.entry("&after=not-a-cursor!", "after"),
                Map.entry("&after=" + otherSortCursor, "after"),
                Map.entry("&after=" + otherSortCursor + "&sort=title&order=desc", "after"),
                Map.entry("&before=x", "before"),
                Map.entry("&before=3&sort=title", "before"),
                Map.entry("&step=" + "s".repeat(201), "step"),
                Map.entry("&metrics=" + String.join(",", java.util.stream.IntStream.range(0, 21)
                        .mapToObj(i -> "m" + i).toList()), "metrics"),
                Map.entry("&metrics=" + "x".repeat(201), "metrics"));
        for (Map.Entry<String, String> entry : bad.entrySet()) {
            Api.Answer answer = api.get(list(entry.getKey()));
            assertEquals(400, answer.status(), entry.getKey() + " -> " + answer.body());
            assertEquals(entry.getValue(), answer.json().getString("field"), entry.getKey() + " -> " + answer.body());
        }
        assertEquals(200, api.get(list("&after=" + otherSortCursor + "&sort=title")).status(),
                "the cursor with the sort it came from");
    }

    @Test
    void theConsoleTableFiltersSortsByAMetricAndPages() throws Exception {
        browser.open("/projects/" + project);
        assertEquals(LOSSES.length, rows().size());
        assertEquals("12", cell(rows().get(0), 1), "newest first");
        assertTrue(browser.find("#executions tbody tr .status-complete").isDisplayed());
        assertTrue(rows().get(0).getText().contains("loss=0.25"), "parameters as name=value");

        new Select(browser.find("#filter-step")).selectByVisibleText("report");
        browser.find("#execution-filter input[name=metrics][value=loss]").click();
        browser.find("#execution-filter button[type=submit]").click();
        browser.await(Duration.ofSeconds(10), () -> rows().size() == 9);
        assertTrue(browser.driver().getCurrentUrl().contains("step=report"), browser.driver().getCurrentUrl());
        assertEquals("loss", browser.find("#executions th.col-metric").getAttribute("textContent").strip());

        browser.find("#executions th.col-metric a").click();
        browser.await(Duration.ofSeconds(10), () -> browser.driver().getCurrentUrl().contains("sort=metric%3Aloss"));
        assertEquals(List.of("3", "2", "1.5", "0.5", "0.5", "0.5", "0.25", "0.25", "0.125"), metricColumn());
        browser.screenshot("executions-table-by-loss");
        browser.find("#executions th.col-metric a").click();
        browser.await(Duration.ofSeconds(10), () -> browser.driver().getCurrentUrl().contains("order=asc"));
        assertEquals(List.of("0.125", "0.25", "0.25", "0.5", "0.5", "0.5", "1.5", "2", "3"), metricColumn());

        // The same view, four rows a page: Next page walks it, First page comes back.
        browser.open(browser.path() + "?" + java.net.URI.create(browser.driver().getCurrentUrl()).getRawQuery()
                + "&limit=4");
        List<String> walked = new ArrayList<>(metricColumn());
        assertTrue(browser.driver().findElements(By.id("first-page")).isEmpty());
        for (int page = 0; page < 2; page++) {
            String before = browser.driver().getCurrentUrl();
            browser.find("#next-page").click();
            browser.await(Duration.ofSeconds(10), () -> !browser.driver().getCurrentUrl().equals(before));
            walked.addAll(metricColumn());
        }
        assertEquals(List.of("0.125", "0.25", "0.25", "0.5", "0.5", "0.5", "1.5", "2", "3"), walked);
        assertTrue(browser.driver().findElements(By.id("next-page")).isEmpty(), "the last page has no next page");
        browser.find("#first-page").click();
        browser.await(Duration.ofSeconds(10), () -> !browser.driver().getCurrentUrl().contains("after="));
        assertEquals(List.of("0.125", "0.25", "0.25", "0.5"), metricColumn());

        new Select(browser.find("#filter-status")).selectByVisibleText("queued");
        browser.find("#execution-filter button[type=submit]").click();
        browser.await(Duration.ofSeconds(10), () -> browser.driver().getCurrentUrl().contains("status=queued"));
        assertTrue(browser.text(".executions-table .empty").contains("No executions match"));
    }

    @Test
    void rowsCanBeChosenForComparison() {
        browser.open("/projects/" + project + "?sort=counter&order=asc&limit=3");
        browser.find("#executions tbody input[name=counter][value='1']").click();
        browser.find("#executions tbody input[name=counter][value='3']").click();
        browser.find("#compare-selected").click();
        browser.await(Duration.ofSeconds(10), () -> browser.path().endsWith("/compare"));
        assertEquals("/projects/" + project + "/compare", browser.path());
        assertEquals("counter=1&counter=3", java.net.URI.create(browser.driver().getCurrentUrl()).getRawQuery());
    }

    @Test
    void aBadSortInTheConsoleUrlIsExplainedAndTheTableStillShown() {
        browser.open("/projects/" + project + "?sort=" + URLEncoder.encode("colour", StandardCharsets.UTF_8));
        assertTrue(browser.text(".error").contains("sort by counter"), browser.text(".error"));
        assertEquals(LOSSES.length, rows().size());
    }

    private List<WebElement> rows() {
        return browser.driver().findElements(By.cssSelector("#executions tbody tr"));
    }

    private static String cell(WebElement row, int column) {
        return row.findElements(By.tagName("td")).get(column).getText().strip();
    }

    private List<String> metricColumn() {
        return browser.driver().findElements(By.cssSelector("#executions tbody td.metric")).stream()
                .map(td -> td.getText().strip()).toList();
    }

    private static String list(String query) {
        return "/api/v1/executions?project=" + project + query;
    }
}
