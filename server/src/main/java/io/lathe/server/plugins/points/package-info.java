/**
 * Lathe's extension points, one descriptor each, and the guarded calls into their instances: every call on a thread
 * of its own with a time limit, nonsense answers refused, and faults recorded against the plugin that made the
 * instance.
 */
package io.lathe.server.plugins.points;
