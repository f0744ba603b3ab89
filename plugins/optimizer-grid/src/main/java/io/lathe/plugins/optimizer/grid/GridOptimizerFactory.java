package io.lathe.plugins.optimizer.grid;

import io.lathe.plugin.api.PluginContext;
import io.lathe.plugin.api.optimizer.Optimizer;
import io.lathe.plugin.api.optimizer.OptimizerFactory;
import org.pf4j.Extension;

/** Makes grid-search optimizers: every combination of the parameters' values, in order. */
@Extension
public final class GridOptimizerFactory implements OptimizerFactory {

    /** The most combinations a task may search; a larger grid is refused as a likely mistake. */
    static final long MAX_COMBINATIONS = 1_000_000;

    @Override
    public String id() {
        return "grid";
    }

    @Override
    public String displayName() {
        return "Grid search";
    }

    @Override
    public String description() {
        return "Tries every combination of the parameters' values, the last parameter changing fastest.";
    }

    @Override
    public Optimizer create(PluginContext context) {
        return new GridOptimizer(MAX_COMBINATIONS);
    }
}
