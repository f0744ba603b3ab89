package io.lathe.server.executions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutputPropertiesTest {

    @Test
    void sidecarsPastTheMemoryBudgetAreKeptAsOrdinaryOutputsWhole() throws IOException {
        OutputProperties properties = new OutputProperties(null, null, null);
        byte[] sidecar = new byte[1_000_000];
        Arrays.fill(sidecar, (byte) ' ');
        int held = 0;
        int passed = 0;
        for (int i = 0; i < 40; i++) {
            Optional<InputStream> kept = properties.take("f" + i + OutputProperties.SIDECAR_SUFFIX,
                    new ByteArrayInputStream(sidecar));
            if (kept.isEmpty()) {
                held++;
            } else {
                passed++;
                assertArrayEquals(sidecar, kept.get().readAllBytes(), "stored whole, as an ordinary output");
            }
        }
        assertEquals(OutputProperties.MAX_HELD_BYTES / sidecar.length, held);
        assertTrue(passed > 0);
    }
}
