/**
 * The {@code optimizer-grid} plugin: grid search (every combination of the parameters' values, in order) and random
 * search (values drawn at random, reproducible by seed).
 */
package io.lathe.plugins.optimizer.grid;
