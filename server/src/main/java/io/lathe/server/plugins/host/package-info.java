/**
 * The plugin host: PF4J over {@code LATHE_HOME/plugins}, the plugins' extension factories, the context the server
 * hands a plugin instance, and what the API says of installed plugins ({@code GET /api/v1/plugins}). It starts and
 * stops plugins; what they are used for is elsewhere ({@code points}, {@code instances}).
 */
package io.lathe.server.plugins.host;
