package io.lathe.server.instances;

import io.lathe.plugin.api.ConfiguredInstanceFactory;
import io.lathe.plugin.api.ExtensionFactory;
import io.lathe.plugin.api.PluginContext;
import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.ServiceFactory;
import io.lathe.plugin.api.config.ConfigError;
import io.lathe.plugin.api.config.Settings;
import io.lathe.server.platform.LatheSettings;
import io.lathe.server.plugins.host.HostPluginContext;
import io.lathe.server.plugins.host.PluginHost;
import io.lathe.server.plugins.points.ExtensionPoint;
import io.lathe.server.plugins.points.GuardedCalls;
import io.lathe.server.plugins.points.PluginCalls;
import io.lathe.server.plugins.points.PluginTarget;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The live plugin instances of every extension point: made on first use (from a configured instance, or for a
 * plain-service point from its factory), kept and reused, each behind its point's guard ({@link PluginCalls}: a
 * time limit on every call, faults recorded against the plugin), and closed when their configuration changes or goes,
 * or the server stops.
 */
@ApplicationScoped
public class LiveInstances {

    @Inject
    PluginHost plugins;
    @Inject
    PluginCalls calls;
    @Inject
    ConfiguredInstanceRepository configured;
    @Inject
    SecretSettings secrets;
    @Inject
    LatheSettings settings;

    /** One live instance: the plugin's object, and the guarded calls its guard makes. */
    private record Live<I extends AutoCloseable>(ExtensionPoint<?, I> point, I instance, GuardedCalls calls) {

        I guarded(GuardedCalls with) {
            return point.guard(instance, with);
        }
    }

    private record Key(ExtensionPoint<?, ?> point, String name) {
    }

    private final Map<Key, Live<?>> live = new ConcurrentHashMap<>();

    /**
     * The instance of {@code point} named {@code name} (a configured instance's name; for a plain-service point, the
     * factory's id), made on first use, its calls guarded.
     *
     * @throws PluginException {@code no-such-instance} when no such instance is configured, {@code no-such-factory}
     *     when no started plugin has its factory; a {@link io.lathe.server.plugins.points.PluginCallFailure} when
     *     the plugin failed to make it
     */
    public <I extends AutoCloseable> I get(ExtensionPoint<?, I> point, String name) {
        Live<I> instance = live(point, name);
        return instance.guarded(instance.calls());
    }

    /** The same instance, its faults recorded against execution {@code executionId}, the one its calls are for. */
    public <I extends AutoCloseable> I get(ExtensionPoint<?, I> point, String name, String executionId) {
        Live<I> instance = live(point, name);
        return instance.guarded(instance.calls().forExecution(executionId));
    }

    /** The instance, guarded, if it has been made since the start (or its last change); never makes one. */
    @SuppressWarnings("unchecked")
    public <I extends AutoCloseable> Optional<I> ifMade(ExtensionPoint<?, I> point, String name) {
        return Optional.ofNullable((Live<I>) live.get(new Key(point, name))).map(made -> made.guarded(made.calls()));
    }

    @SuppressWarnings("unchecked")
    private <I extends AutoCloseable> Live<I> live(ExtensionPoint<?, I> point, String name) {
        return (Live<I>) live.computeIfAbsent(new Key(point, name), key -> make(point, name));
    }

    @SuppressWarnings("unchecked") // the descriptor ties the factory type to how its instances are made
    private <F extends ExtensionFactory<I>, I extends AutoCloseable> Live<I> make(ExtensionPoint<F, I> point,
            String name) {
        if (!point.hasConfiguredInstances()) {
            F factory = plugins.factory(point.factoryType(), name).orElseThrow(() -> new PluginException(
                    "no-such-factory", "no started plugin provides the " + point.noun() + " '" + name
                            + "'; see GET /api/v1/plugins"));
            return create(point, name, factory, ((ServiceFactory<I>) factory)::create);
        }
        ConfiguredInstance config = configured.find(point, name).orElseThrow(() -> new PluginException(
                "no-such-instance", "there is no " + point.noun() + " named '" + name + "'"));
        F factory = plugins.factory(point.factoryType(), config.factory()).orElseThrow(() -> new PluginException(
                "no-such-factory", "'" + name + "' needs the " + point.id() + " extension '" + config.factory()
                        + "', which no started plugin provides; see GET /api/v1/plugins"));
        ConfiguredInstanceFactory<I> configurable = (ConfiguredInstanceFactory<I>) factory;
        Map<String, String> values = secrets.open(point.id(), name, configurable.configProperties(),
                config.settings());
        return create(point, name, factory, context -> {
            List<ConfigError> errors = configurable.validate(values);
            if (errors == null || !errors.isEmpty()) {
                throw new PluginException("invalid-settings", "'" + name + "' has invalid settings: " + errors);
            }
            return configurable.create(Settings.of(configurable.configProperties(), values), context);
        });
    }

    /** Has the plugin make the instance, as a guarded call (a time limit; no instance is nonsense). */
    private <I extends AutoCloseable> Live<I> create(ExtensionPoint<?, I> point, String name,
            ExtensionFactory<I> factory, Function<PluginContext, I> maker) {
        PluginTarget target = new PluginTarget(plugins.pluginIdOf(factory), point, name);
        PluginContext context = context(point, name);
        I instance = calls.call(target, "create", null, () -> maker.apply(context),
                made -> made == null ? "no instance" : null);
        return new Live<>(point, instance, new GuardedCalls(calls, target));
    }

    private PluginContext context(ExtensionPoint<?, ?> point, String name) {
        Path workDirectory = settings.pluginWorkDirectory().resolve(point.id()).resolve(name);
        try {
            Files.createDirectories(workDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HostPluginContext(System.getLogger("lathe." + point.id() + "." + name), workDirectory,
                Clock.systemUTC(), settings.baseUrl());
    }

    /**
     * Closes the live instance made from a configured instance that changed or went, so that its next use makes one
     * from the new settings. It is closed in the background: the administrator's change waits for no plugin.
     */
    public void evict(ExtensionPoint<?, ?> point, String name) {
        Live<?> gone = live.remove(new Key(point, name));
        if (gone != null) {
            calls.closeInBackground(guardedForClosing(gone));
        }
    }

    /**
     * What holds a live instance made by a plugin's class loader ({@code data store 'local'}, {@code optimizer
     * 'grid'}): such a plugin cannot be stopped or replaced while Lathe runs.
     */
    public List<String> madeBy(ClassLoader pluginLoader) {
        List<String> users = new ArrayList<>();
        live.forEach((key, instance) -> {
            if (instance.instance().getClass().getClassLoader() == pluginLoader) {
                users.add(key.point().named(key.name()));
            }
        });
        users.sort(null);
        return users;
    }

    /**
     * Closes every live instance, without a time limit: first those of points closed first (environments, so that
     * running jobs end, stopped, and are recorded while the database and the data stores are still there), then the
     * rest. Called at shutdown; safe to call twice.
     */
    @PreDestroy
    public void closeAll() {
        closeWhere(ExtensionPoint::isClosedFirst);
        closeWhere(point -> true);
    }

    private void closeWhere(Predicate<ExtensionPoint<?, ?>> which) {
        for (Key key : List.copyOf(live.keySet())) {
            Live<?> instance = which.test(key.point()) ? live.remove(key) : null;
            if (instance != null) {
                try {
                    guardedForClosing(instance).close();
                } catch (Exception e) {
                    // PluginCalls logged and recorded it
                }
            }
        }
    }

    /** The guarded instance, whose close closes the plugin's without a time limit and records what it throws. */
    private static AutoCloseable guardedForClosing(Live<?> instance) {
        return instance.guarded(instance.calls());
    }
}
