package io.lathe.plugins.optimizer.tpe;

import io.lathe.plugin.api.optimizer.Domain;
import io.lathe.plugin.api.optimizer.Domain.Distribution.Kind;
import io.lathe.plugin.api.optimizer.Optimizer;
import io.lathe.plugin.api.optimizer.OptimizerContract;
import io.lathe.plugin.api.optimizer.SearchSpace;
import io.lathe.plugin.api.optimizer.SearchSpace.Dimension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The contract with a startup of 1, so that its history-carrying tests reach the model, not only random draws. */
class TpeOptimizerContractTest extends OptimizerContract {

    @Override
    protected Optimizer createOptimizer(Path tempDir) {
        return new TpeOptimizer(1, TpeOptimizerFactory.CANDIDATES);
    }

    /** TPE also samples distributions: one of each kind joins the enumerable dimensions. */
    @Override
    protected SearchSpace searchSpace() {
        List<Dimension> dimensions = new ArrayList<>(super.searchSpace().dimensions());
        dimensions.add(new Dimension("momentum", new Domain.Distribution(Kind.UNIFORM, 0.5, 0.99)));
        dimensions.add(new Dimension("weight_decay", new Domain.Distribution(Kind.LOG_UNIFORM, 1e-6, 1e-2)));
        dimensions.add(new Dimension("batch", new Domain.Distribution(Kind.INTEGER, 8, 64)));
        return new SearchSpace(dimensions);
    }
}
