package io.lathe.server.executions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetadataWriterTest {

    private static final long NOON = Instant.parse("2026-01-02T12:00:00Z").toEpochMilli();

    @Test
    void onlyLinesShapedLikeObjectsAreConsidered() {
        assertTrue(MetadataWriter.mayBePoint("{\"loss\": 0.5}"));
        assertTrue(MetadataWriter.mayBePoint("  {\"loss\": 0.5}  "));
        assertFalse(MetadataWriter.mayBePoint("epoch 1 {loss}: 3"));
        assertFalse(MetadataWriter.mayBePoint("[1, 2]"));
        assertFalse(MetadataWriter.mayBePoint("{"));
        assertFalse(MetadataWriter.mayBePoint(""));
    }

    @Test
    void aPointGetsItsTimeFirstAndKeepsItsKeysInOrder() {
        assertEquals("{\"_time\":\"2026-01-02T12:00:00Z\",\"loss\": 0.5, \"epoch\": 1}",
                MetadataWriter.normalise("{\"loss\": 0.5, \"epoch\": 1}", NOON));
        assertEquals("{\"_time\":\"2026-01-02T12:00:00Z\"}", MetadataWriter.normalise("{}", NOON));
    }

    @Test
    void aTimeGivenByTheUserIsKept() {
        assertEquals("{\"_time\": \"yesterday\", \"a\": 1}",
                MetadataWriter.normalise("{\"_time\": \"yesterday\", \"a\": 1}", NOON));
    }

    @Test
    void linesThatAreNotJsonObjectsAreNotPoints() {
        assertNull(MetadataWriter.normalise("{not json}", NOON));
        assertNull(MetadataWriter.normalise("{\"a\": }", NOON));
    }
}
