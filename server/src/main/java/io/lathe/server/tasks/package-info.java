/**
 * Hyperparameter tasks: search spaces as Valohai writes them turned into the optimizers' domains, the checks and
 * records of a task, and the engine that proposes trials through the optimizer plugins, stops trials by the median
 * rule and ends each task.
 */
package io.lathe.server.tasks;
