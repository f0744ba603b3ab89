/**
 * Configuration declared as metadata: the settings an extension takes
 * ({@link io.lathe.plugin.api.config.ConfigProperty}), so that one generic form renders and checks them for every
 * plugin, and the validated {@link io.lathe.plugin.api.config.Settings} an instance is created with.
 */
package io.lathe.plugin.api.config;
