/**
 * The optimizer extension point: proposes parameter sets for a hyperparameter task from the whole history the server
 * passes in, so that an optimizer keeps no state between calls.
 */
package io.lathe.plugin.api.optimizer;
