package io.lathe.server.executions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Metadata made into chart series: x axes chosen per key, and long series downsampled keeping their shape. */
class MetricSeriesTest {

    @Test
    void aSeriesWithinTheLimitIsKeptWhole() {
        MetricSeries series = new MetricSeries("loss", 100, 50);
        for (int i = 0; i < 50; i++) {
            series.add(i, i * 10, Double.NaN, i * 0.5);
        }
        MetricSeries.Result result = series.result();
        assertFalse(result.downsampled());
        assertEquals(50, result.x().length);
        assertEquals(MetricSeries.Axis.STEP, result.axis());
        assertEquals(490, result.x()[49]);
        assertEquals(24.5, result.y()[49]);
    }

    @Test
    void aLongSeriesIsCutToTheLimitKeepingFirstLastAndExtremes() {
        int total = 100_000;
        MetricSeries series = new MetricSeries("signal", 1000, total);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < total; i++) {
            double value = Math.sin(i / 500.0) + (i == 31_337 ? 40 : 0) - (i == 77_777 ? 40 : 0);
            min = Math.min(min, value);
            max = Math.max(max, value);
            series.add(i, Double.NaN, Double.NaN, value);
        }
        MetricSeries.Result result = series.result();
        assertTrue(result.downsampled());
        assertEquals(total, result.count());
        assertTrue(result.x().length <= 1000, "at most the limit: " + result.x().length);
        assertTrue(result.x().length > 500, "and not needlessly fewer: " + result.x().length);
        assertEquals(MetricSeries.Axis.LINE, result.axis());
        assertEquals(0, result.x()[0]);
        assertEquals(total - 1, result.x()[result.x().length - 1]);
        assertEquals(min, Arrays.stream(result.y()).min().orElseThrow());
        assertEquals(max, Arrays.stream(result.y()).max().orElseThrow());
        assertTrue(Arrays.stream(result.x()).anyMatch(x -> x == 31_337), "the spike");
        for (int i = 1; i < result.x().length; i++) {
            assertTrue(result.x()[i] > result.x()[i - 1], "in order, each point once");
        }
    }

    @Test
    void everyKeptPointIsARealPointOfTheSeries() {
        int total = 20_000;
        MetricSeries series = new MetricSeries("loss", 100, total);
        for (int i = 0; i < total; i++) {
            series.add(i, i, Double.NaN, 1.0 / (i + 1));
        }
        MetricSeries.Result result = series.result();
        for (int i = 0; i < result.x().length; i++) {
            assertEquals(1.0 / (result.x()[i] + 1), result.y()[i]);
        }
    }

    @Test
    void theAxisIsStepThenEpochThenPosition() {
        MetadataSeries metadata = new MetadataSeries(100, 6);
        metadata.addChunk("""
                {"_time":"t","step":1,"epoch":0,"loss":0.9,"acc":0.1}
                {"_time":"t","step":2,"epoch":0,"loss":0.8,"lr":0.01}
                {"_time":"t","epoch":1,"acc":0.3,"name":"x","nested":{"deep":1},"list":[1,2]}
                not json
                {"_time":"t","lr":0.001,"flag":true}
                {"_time":"t","loss":0.5e-1,"step":3}""");
        Map<String, MetricSeries.Result> byKey = metadata.results().stream()
                .collect(Collectors.toMap(MetricSeries.Result::key, Function.identity()));
        assertEquals(List.of("loss", "acc", "lr"), metadata.results().stream().map(MetricSeries.Result::key).toList(),
                "numeric keys in order of appearance; step and epoch are axes; strings, booleans, nesting are not");
        assertEquals(MetricSeries.Axis.STEP, byKey.get("loss").axis());
        assertArrayEquals(new double[] {1, 2, 3}, byKey.get("loss").x());
        assertArrayEquals(new double[] {0.9, 0.8, 0.05}, byKey.get("loss").y());
        assertEquals(MetricSeries.Axis.EPOCH, byKey.get("acc").axis());
        assertArrayEquals(new double[] {0, 1}, byKey.get("acc").x());
        assertEquals(MetricSeries.Axis.LINE, byKey.get("lr").axis());
        assertArrayEquals(new double[] {1, 4}, byKey.get("lr").x(), "positions count every point, even unreadable");
        assertEquals(6, metadata.points());
    }

    @Test
    void keysBeyondTheCapAreLeftOutAndSaidSo() {
        MetadataSeries metadata = new MetadataSeries(10, MetadataSeries.MAX_KEYS + 5);
        for (int i = 0; i < MetadataSeries.MAX_KEYS + 5; i++) {
            metadata.addPoint("{\"k" + i + "\": " + i + "}");
        }
        assertEquals(MetadataSeries.MAX_KEYS, metadata.results().size());
        assertTrue(metadata.keysOmitted());
    }
}
