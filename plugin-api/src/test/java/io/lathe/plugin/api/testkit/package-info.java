/**
 * Helpers for the tests of plugins, published with the contract tests in plugin-api's test-jar: a real
 * {@link io.lathe.plugin.api.PluginContext} for tests (its logger keeps what it is given), a check of the extension
 * index PF4J reads, and reproducible input streams of any length.
 */
package io.lathe.plugin.api.testkit;
