package io.lathe.server.plugins.points;

import io.lathe.plugin.api.ExtensionFactory;
import io.lathe.plugin.api.compute.ComputeEnvironmentFactory;
import io.lathe.plugin.api.notify.NotifierFactory;
import io.lathe.plugin.api.optimizer.OptimizerFactory;
import io.lathe.plugin.api.storage.StorageBackendFactory;
import java.util.Map;
import java.util.Optional;

/** The four extension points, by the short names the API and console use for them. */
public final class ExtensionPoints {

    public static final Map<String, Class<? extends ExtensionFactory<?>>> BY_NAME = Map.of(
            "storage", StorageBackendFactory.class,
            "compute", ComputeEnvironmentFactory.class,
            "optimizer", OptimizerFactory.class,
            "notifier", NotifierFactory.class);

    private ExtensionPoints() {
    }

    /** The short name of the point {@code factory} extends. */
    public static Optional<String> nameOf(Object factory) {
        return BY_NAME.entrySet().stream()
                .filter(e -> e.getValue().isInstance(factory))
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
