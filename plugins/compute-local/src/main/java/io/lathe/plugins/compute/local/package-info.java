/**
 * The {@code compute-local} plugin: runs each execution as a tree of processes on the server's machine, in a
 * workspace folder of its own; the default compute environment.
 */
package io.lathe.plugins.compute.local;
