/**
 * The registry: datasets with immutable versions, models with versions and approvals, and the versions made from
 * executions' output properties as Valohai makes them.
 */
package io.lathe.server.registry;
