package io.lathe.server.instances;

import io.lathe.plugin.api.compute.ComputeEnvironment;
import io.lathe.server.plugins.points.ExtensionPoints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the compute environments say an administrator must know about how safely they run jobs (for example that
 * {@code local} runs them unsandboxed), for the start-up banner and the system page.
 */
@ApplicationScoped
public class EnvironmentWarnings {

    private static final Logger LOG = Logger.getLogger(EnvironmentWarnings.class.getName());

    @Inject
    ConfiguredInstanceRepository configured;
    @Inject
    LiveInstances live;

    /**
     * One line per warning, naming its environment: {@code compute environment 'local' runs every job unsandboxed
     * ...}. Asks the default environment (made if need be) and the others that have been used since the start:
     * making an environment only to ask could take a plugin's whole time limit. An environment that cannot be made
     * says nothing here: its failure is recorded as a plugin fault.
     */
    public List<String> all() {
        List<String> warnings = new ArrayList<>();
        for (String name : configured.names(ExtensionPoints.COMPUTE)) {
            try {
                Optional<ComputeEnvironment> made = DefaultInstances.NAME.equals(name)
                        ? Optional.of(live.get(ExtensionPoints.COMPUTE, name))
                        : live.ifMade(ExtensionPoints.COMPUTE, name);
                if (made.isEmpty()) {
                    continue;
                }
                ComputeEnvironment environment = made.get();
                for (String warning : environment.warnings()) {
                    warnings.add("compute environment '" + name + "' " + warning);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "no warnings from compute environment '" + name + "'", e);
            }
        }
        return warnings;
    }
}
