/**
 * Configured instances, one feature for every extension point that has them (data stores, environments,
 * notification channels): what administrators configure and the admin API for it, the defaults a fresh server runs
 * on, and the live instances made from them, kept and reused. Features that name instances in their records say so
 * through {@link io.lathe.server.instances.InstanceUsage}, so this package imports none of them.
 */
package io.lathe.server.instances;
