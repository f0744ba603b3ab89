package io.lathe.plugins.optimizer.grid;

import io.lathe.plugin.api.PluginContext;
import io.lathe.plugin.api.optimizer.Optimizer;
import io.lathe.plugin.api.optimizer.OptimizerFactory;
import org.pf4j.Extension;

/** Makes random-search optimizers: every parameter drawn independently from its domain, reproducible by seed. */
@Extension
public final class RandomOptimizerFactory implements OptimizerFactory {

    @Override
    public String id() {
        return "random";
    }

    @Override
    public String displayName() {
        return "Random search";
    }

    @Override
    public String description() {
        return "Draws each parameter at random from its values or distribution; the task's seed makes the draws "
                + "reproducible.";
    }

    @Override
    public Optimizer create(PluginContext context) {
        return new RandomOptimizer();
    }
}
