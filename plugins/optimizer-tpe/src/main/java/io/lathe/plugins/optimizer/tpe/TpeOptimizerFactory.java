package io.lathe.plugins.optimizer.tpe;

import io.lathe.plugin.api.PluginContext;
import io.lathe.plugin.api.optimizer.Optimizer;
import io.lathe.plugin.api.optimizer.OptimizerFactory;
import org.pf4j.Extension;

/** Makes Bayesian (Tree-structured Parzen Estimator) optimizers; see {@link TpeOptimizer}. */
@Extension
public final class TpeOptimizerFactory implements OptimizerFactory {

    /** How many trials must have a result before the model is used; until then proposals are random. */
    static final int STARTUP_TRIALS = 10;
    /** How many points are drawn from the model of good trials to pick each proposal from. */
    static final int CANDIDATES = 24;

    @Override
    public String id() {
        return "tpe";
    }

    @Override
    public String displayName() {
        return "Bayesian (TPE)";
    }

    @Override
    public String description() {
        return "Tree-structured Parzen Estimator: after some random trials, proposes values that were more common "
                + "among the best results than among the others.";
    }

    @Override
    public Optimizer create(PluginContext context) {
        return new TpeOptimizer(STARTUP_TRIALS, CANDIDATES);
    }
}
