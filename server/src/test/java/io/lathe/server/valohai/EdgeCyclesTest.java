package io.lathe.server.valohai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class EdgeCyclesTest {

    private static PipelineEdge edge(String from, String to) {
        return new PipelineEdge(new PipelineSocket(from, "output", "x"), new PipelineSocket(to, "input", "x"),
                Map.of());
    }

    @Test
    void aDiamondHasNoCycle() {
        assertEquals(OptionalInt.empty(), EdgeCycles.lastOnACycle(List.of(edge("a", "b"), edge("a", "c"),
                edge("b", "d"), edge("c", "d"), edge("a", "d"))));
    }

    @Test
    void theLastEdgeOnACycleIsNamed() {
        assertEquals(OptionalInt.of(3), EdgeCycles.lastOnACycle(List.of(edge("a", "b"), edge("b", "c"),
                edge("c", "a"), edge("b", "a"), edge("c", "d"))));
        assertEquals(OptionalInt.of(1), EdgeCycles.lastOnACycle(List.of(edge("a", "b"), edge("b", "b"),
                edge("b", "c"))), "an edge from a node to itself");
    }

    @Test
    void aLongChainIsCheckedInLinearTime() {
        List<PipelineEdge> chain = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            chain.add(edge("n" + i, "n" + (i + 1)));
        }
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertEquals(OptionalInt.empty(), EdgeCycles.lastOnACycle(chain));
            chain.add(edge("n200000", "n0"));
            assertEquals(OptionalInt.of(200_000), EdgeCycles.lastOnACycle(chain));
        });
    }
}
