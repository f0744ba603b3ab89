package io.lathe.plugins.optimizer.grid;

import io.lathe.plugin.api.config.Settings;
import io.lathe.plugin.api.optimizer.Optimizer;
import io.lathe.plugin.api.optimizer.OptimizerContract;
import io.lathe.plugin.api.testkit.TestPluginContext;
import java.nio.file.Path;
import java.util.Map;

class GridOptimizerContractTest extends OptimizerContract {

    @Override
    protected Optimizer createOptimizer(Path tempDir) {
        GridOptimizerFactory factory = new GridOptimizerFactory();
        return factory.create(Settings.of(factory.configProperties(), Map.of()), new TestPluginContext(tempDir));
    }
}
