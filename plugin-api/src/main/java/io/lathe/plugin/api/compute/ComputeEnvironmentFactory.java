package io.lathe.plugin.api.compute;

import io.lathe.plugin.api.ConfiguredInstanceFactory;

/**
 * Extension point for where executions run: local processes, a Kubernetes cluster, a batch queue. A configured
 * instance is an <em>environment</em> users pick for an execution. See {@link ComputeEnvironment}.
 */
public interface ComputeEnvironmentFactory extends ConfiguredInstanceFactory<ComputeEnvironment> {
}
