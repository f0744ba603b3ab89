package io.lathe.plugins.optimizer.grid;

import io.lathe.plugin.api.optimizer.Optimizer;
import io.lathe.plugin.api.optimizer.OptimizerContract;
import io.lathe.plugin.api.testkit.TestPluginContext;
import java.nio.file.Path;

class GridOptimizerContractTest extends OptimizerContract {

    @Override
    protected Optimizer createOptimizer(Path tempDir) {
        return new GridOptimizerFactory().create(new TestPluginContext(tempDir));
    }
}
