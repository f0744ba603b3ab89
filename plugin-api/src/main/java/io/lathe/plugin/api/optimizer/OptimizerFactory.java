package io.lathe.plugin.api.optimizer;

import io.lathe.plugin.api.ExtensionFactory;

/** Extension point for search algorithms of hyperparameter tasks (grid, random, TPE...). See {@link Optimizer}. */
public interface OptimizerFactory extends ExtensionFactory<Optimizer> {
}
