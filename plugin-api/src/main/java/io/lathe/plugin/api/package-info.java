/**
 * Lathe's plugin API: what every extension point shares, the {@link io.lathe.plugin.api.ExtensionFactory} a plugin
 * contributes, the {@link io.lathe.plugin.api.PluginContext} the server hands each instance, and the exceptions that
 * cross the boundary. Each point is a subpackage. Depends on the JDK and PF4J only.
 */
package io.lathe.plugin.api;
