/**
 * Projects: creating and finding them, their defaults, and the counters that number their executions.
 */
package io.lathe.server.projects;
