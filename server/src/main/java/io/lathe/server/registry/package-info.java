/**
 * The registry: datasets with immutable versions, models with versions and approvals, both on one versioned-collection
 * core ({@code VersionedCollections}), and the versions made from executions' output properties as Valohai makes them.
 */
package io.lathe.server.registry;
