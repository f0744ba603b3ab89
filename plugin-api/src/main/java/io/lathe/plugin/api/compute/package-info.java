/**
 * The compute-environment extension point: environments that run one job per execution and report back through a
 * {@link io.lathe.plugin.api.compute.JobListener}; the server decides what runs when and keeps each job's handle.
 */
package io.lathe.plugin.api.compute;
