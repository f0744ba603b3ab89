package io.lathe.server.instances;

import io.lathe.plugin.api.ExtensionFactory;
import io.lathe.server.platform.LatheSettings;
import io.lathe.server.plugins.points.ExtensionPoint;
import io.lathe.server.plugins.points.ExtensionPoints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instances a fresh server runs on: the data store {@code local} (files under the data folder) and the
 * environment {@code local} (processes on this machine), made by the bundled local plugins. Every new project uses
 * them until its owner picks others, so they cannot be deleted, nor the plugins that make them taken away.
 *
 * <p>The environment's jobs run in a sandbox that sees the system folders only; when the {@code python3} on the
 * server's {@code PATH} is installed elsewhere (pyenv in a home folder, {@code /opt}), the environment is created
 * with that installation among its read-only paths, so that the quick start's Python steps run.
 */
@ApplicationScoped
@Transactional
public class DefaultInstances {

    /** The name of each default instance. */
    public static final String NAME = "local";
    static final int DEFAULT_CONCURRENCY = 2;
    /** The points that have a default instance, each made by the factory {@code local}. */
    private static final List<ExtensionPoint<?, ?>> POINTS = List.of(ExtensionPoints.STORAGE, ExtensionPoints.COMPUTE);

    @Inject
    ConfiguredInstanceRepository configured;
    @Inject
    LatheSettings settings;

    /**
     * Creates the defaults that do not exist yet; {@code LATHE_LOCAL_CONCURRENCY}, when set, applies to the local
     * environment on every start.
     */
    public void ensure() {
        long now = System.currentTimeMillis();
        if (!configured.exists(ExtensionPoints.STORAGE, NAME)) {
            configured.add(new ConfiguredInstance(ExtensionPoints.STORAGE, NAME, "local",
                    Map.of("root", settings.dataDirectory().toString()), now));
        }
        Optional<ConfiguredInstance> environment = configured.find(ExtensionPoints.COMPUTE, NAME);
        if (environment.isEmpty()) {
            Map<String, String> values = new HashMap<>(Map.of("max-concurrency",
                    Integer.toString(settings.localConcurrency().orElse(DEFAULT_CONCURRENCY))));
            List<Path> python = PythonOnPath.installationOutsideUsr();
            if (!python.isEmpty()) {
                values.put("read-only-paths", String.join(":", python.stream().map(Path::toString).toList()));
            }
            configured.add(new ConfiguredInstance(ExtensionPoints.COMPUTE, NAME, "local", values, now));
        } else if (settings.localConcurrency().isPresent()) {
            Map<String, String> values = new HashMap<>(environment.get().settings());
            values.put("max-concurrency", Integer.toString(settings.localConcurrency().get()));
            environment.get().replaceSettings(values);
        }
    }

    /** Whether {@code name} is the default instance of {@code point}, which the server needs. */
    public boolean isDefault(ExtensionPoint<?, ?> point, String name) {
        return NAME.equals(name) && POINTS.contains(point);
    }

    /**
     * The defaults that one of {@code factories} makes ({@code data store 'local'}): the server needs them, so the
     * plugin that offers those factories must stay.
     */
    public List<String> madeBy(Collection<? extends ExtensionFactory<?>> factories) {
        List<String> made = new ArrayList<>();
        for (ExtensionPoint<?, ?> point : POINTS) {
            configured.find(point, NAME).filter(instance -> factories.stream().anyMatch(f -> point.makes(f)
                    && f.id().equals(instance.factory()))).ifPresent(instance -> made.add(point.named(NAME)));
        }
        return made;
    }
}
