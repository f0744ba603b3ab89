package io.lathe.plugin.api.optimizer;

import io.lathe.plugin.api.ServiceFactory;

/**
 * Extension point for search algorithms of hyperparameter tasks (grid, random, TPE...). A plain service: it takes no
 * settings, and the server makes one {@link Optimizer} per factory and asks it for every task that names the
 * factory's id. See {@link Optimizer}.
 */
public interface OptimizerFactory extends ServiceFactory<Optimizer> {
}
