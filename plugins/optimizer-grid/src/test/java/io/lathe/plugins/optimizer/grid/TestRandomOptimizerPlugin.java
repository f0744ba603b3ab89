package io.lathe.plugins.optimizer.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lathe.plugin.api.optimizer.Domain;
import io.lathe.plugin.api.optimizer.Optimizer;
import io.lathe.plugin.api.optimizer.OptimizerFactory;
import io.lathe.plugin.api.optimizer.ProposalRequest;
import io.lathe.plugin.api.optimizer.SearchSpace;
import io.lathe.plugin.api.testkit.ExtensionIndex;
import io.lathe.plugin.api.testkit.TestPluginContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestRandomOptimizerPlugin {

    private final OptimizerFactory factory = new RandomOptimizerFactory();

    @Test
    void factoryDescribesItself() {
        assertEquals("random", factory.id());
        assertEquals("Random search", factory.displayName());
    }

    @Test
    void createsAWorkingOptimizer(@TempDir Path tempDir) {
        SearchSpace space = new SearchSpace(List.of(
                new SearchSpace.Dimension("batch", new Domain.Choice(List.of(16L, 32L)))));

        try (Optimizer optimizer = factory.create(new TestPluginContext(tempDir))) {
            List<Map<String, Object>> proposals = optimizer.propose(
                    new ProposalRequest(space, ProposalRequest.Direction.MINIMIZE, List.of(), 5, 0));
            assertEquals(2, proposals.size());
            assertEquals(java.util.Set.of(Map.of("batch", 16L), Map.of("batch", 32L)), java.util.Set.copyOf(proposals));
        }
    }

    @Test
    void theExtensionIndexNamesBothFactoriesOfThePlugin() {
        ExtensionIndex.assertListed(RandomOptimizerFactory.class);
        ExtensionIndex.assertListed(GridOptimizerFactory.class);
    }
}
