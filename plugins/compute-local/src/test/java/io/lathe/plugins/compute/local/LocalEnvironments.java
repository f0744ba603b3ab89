package io.lathe.plugins.compute.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lathe.plugin.api.compute.ComputeEnvironment;
import io.lathe.plugin.api.config.Settings;
import io.lathe.plugin.api.testkit.TestPluginContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds local compute environments the way the server does: validate, then create through the factory. */
final class LocalEnvironments {

    private LocalEnvironments() {
    }

    /**
     * An environment with a short grace period, so that tests of stubborn processes stay quick, and without a
     * sandbox unless {@code settings} ask for one: these tests look at the job's processes and folders from the
     * outside, by the pids and paths the job prints. The sandbox has tests of its own.
     */
    static ComputeEnvironment create(TestPluginContext context, Map<String, String> settings) {
        Map<String, String> given = new HashMap<>(Map.of(LocalComputeFactory.STOP_GRACE_SECONDS, "1",
                LocalComputeFactory.SANDBOX, "none"));
        given.putAll(settings);
        LocalComputeFactory factory = new LocalComputeFactory();
        assertEquals(List.of(), factory.validate(given));
        return factory.create(Settings.of(factory.configProperties(), given), context);
    }
}
