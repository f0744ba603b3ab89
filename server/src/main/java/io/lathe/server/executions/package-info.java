/**
 * Executions: creating, copying and stopping them; the scheduler that hands them to their compute environment and the
 * launcher that wires a job to its log, metadata and outputs; logs, metadata and metrics; and their REST resources.
 */
package io.lathe.server.executions;
