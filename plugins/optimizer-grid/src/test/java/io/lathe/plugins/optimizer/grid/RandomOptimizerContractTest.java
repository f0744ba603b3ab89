package io.lathe.plugins.optimizer.grid;

import io.lathe.plugin.api.optimizer.Domain;
import io.lathe.plugin.api.optimizer.Domain.Distribution.Kind;
import io.lathe.plugin.api.optimizer.Optimizer;
import io.lathe.plugin.api.optimizer.OptimizerContract;
import io.lathe.plugin.api.optimizer.SearchSpace;
import io.lathe.plugin.api.optimizer.SearchSpace.Dimension;
import io.lathe.plugin.api.testkit.TestPluginContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

class RandomOptimizerContractTest extends OptimizerContract {

    @Override
    protected Optimizer createOptimizer(Path tempDir) {
        return new RandomOptimizerFactory().create(new TestPluginContext(tempDir));
    }

    /** Random search also samples distributions: one of each kind joins the enumerable dimensions. */
    @Override
    protected SearchSpace searchSpace() {
        List<Dimension> dimensions = new ArrayList<>(super.searchSpace().dimensions());
        dimensions.add(new Dimension("momentum", new Domain.Distribution(Kind.UNIFORM, 0.5, 0.99)));
        dimensions.add(new Dimension("weight_decay", new Domain.Distribution(Kind.LOG_UNIFORM, 1e-6, 1e-2)));
        dimensions.add(new Dimension("batch", new Domain.Distribution(Kind.INTEGER, 8, 64)));
        return new SearchSpace(dimensions);
    }
}
