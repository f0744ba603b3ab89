package io.lathe.plugins.optimizer.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lathe.plugin.api.config.ConfigError;
import io.lathe.plugin.api.config.ConfigProperty;
import io.lathe.plugin.api.config.Settings;
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
        assertEquals(List.of("startup-trials", "candidates"),
                factory.configProperties().stream().map(ConfigProperty::name).toList());
    }

    @Test
    void createsAWorkingOptimizer(@TempDir Path tempDir) {
        assertEquals(List.of(), factory.validate(Map.of()));
        SearchSpace space = new SearchSpace(List.of(
                new SearchSpace.Dimension("batch", new Domain.Choice(List.of(16L, 32L)))));

        try (Optimizer optimizer = factory.create(Settings.of(factory.configProperties(), Map.of()),
                new TestPluginContext(tempDir))) {
            assertEquals(Set.of(Map.of("batch", 16L), Map.of("batch", 32L)), Set.copyOf(optimizer.propose(
                    new ProposalRequest(space, ProposalRequest.Direction.MINIMIZE, List.of(), 5, 0))));
        }
    }

    @Test
    void countsMustBePositiveWholeNumbers() {
        assertEquals(List.of("startup-trials"), fields(factory.validate(Map.of("startup-trials", "0"))));
        assertEquals(List.of("candidates"), fields(factory.validate(Map.of("candidates", "lots"))));
        assertEquals(List.of(), factory.validate(Map.of("startup-trials", "5", "candidates", "64")));
    }

    @Test
    void theExtensionIndexNamesTheFactory() {
        ExtensionIndex.assertListed(TpeOptimizerFactory.class);
    }

    private static List<String> fields(List<ConfigError> errors) {
        return errors.stream().map(ConfigError::field).toList();
    }
}
