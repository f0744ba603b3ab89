/**
 * The {@code optimizer-tpe} plugin: Bayesian search with a Tree-structured Parzen Estimator, proposing where good
 * results were more likely than bad ones.
 */
package io.lathe.plugins.optimizer.tpe;
