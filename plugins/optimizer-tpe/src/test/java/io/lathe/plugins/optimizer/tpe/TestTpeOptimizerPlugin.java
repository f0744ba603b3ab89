package io.lathe.plugins.optimizer.tpe;

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
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestTpeOptimizerPlugin {

    private final OptimizerFactory factory = new TpeOptimizerFactory();

    @Test
    void factoryDescribesItself() {
        assertEquals("tpe", factory.id());
        assertEquals("Bayesian (TPE)", factory.displayName());
    }

    @Test
    void createsAWorkingOptimizer(@TempDir Path tempDir) {
        SearchSpace space = new SearchSpace(List.of(
                new SearchSpace.Dimension("batch", new Domain.Choice(List.of(16L, 32L)))));

        try (Optimizer optimizer = factory.create(new TestPluginContext(tempDir))) {
            assertEquals(Set.of(Map.of("batch", 16L), Map.of("batch", 32L)), Set.copyOf(optimizer.propose(
                    new ProposalRequest(space, ProposalRequest.Direction.MINIMIZE, List.of(), 5, 0))));
        }
    }

    @Test
    void theExtensionIndexNamesTheFactory() {
        ExtensionIndex.assertListed(TpeOptimizerFactory.class);
    }
}
