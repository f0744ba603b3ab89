/**
 * Projects' environment variables: set, listed (secrets without their value), removed, and resolved for the
 * executions of the project.
 */
package io.lathe.server.variables;
