package io.lathe.server.instances;

import io.lathe.plugin.api.ConfiguredInstanceFactory;
import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.compute.ComputeEnvironment;
import io.lathe.plugin.api.compute.ComputeEnvironmentFactory;
import io.lathe.plugin.api.config.ConfigError;
import io.lathe.plugin.api.config.Settings;
import io.lathe.plugin.api.notify.Notifier;
import io.lathe.plugin.api.notify.NotifierFactory;
import io.lathe.plugin.api.optimizer.Optimizer;
import io.lathe.plugin.api.optimizer.OptimizerFactory;
import io.lathe.plugin.api.storage.StorageBackend;
import io.lathe.plugin.api.storage.StorageBackendFactory;
import io.lathe.server.platform.LatheSettings;
import io.lathe.server.plugins.host.HostPluginContext;
import io.lathe.server.plugins.host.PluginHost;
import io.lathe.server.plugins.points.GuardedComputeEnvironment;
import io.lathe.server.plugins.points.GuardedInstance;
import io.lathe.server.plugins.points.GuardedNotifier;
import io.lathe.server.plugins.points.GuardedOptimizer;
import io.lathe.server.plugins.points.GuardedStorageBackend;
import io.lathe.server.plugins.points.PluginCalls;
import io.lathe.server.plugins.points.PluginTarget;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns configured instances (data stores, environments, notification channels) and optimizers into live plugin
 * instances, made once and reused, each behind its guard ({@link PluginCalls}: a time limit on every call, faults
 * recorded against the plugin), and creates the defaults a fresh server runs on: data store {@code local} and
 * environment {@code local}.
 */
@ApplicationScoped
@Transactional
public class ConfiguredInstances {

    public static final String DEFAULT = "local";
    static final int DEFAULT_CONCURRENCY = 2;
    private static final Type SETTINGS_TYPE = new HashMap<String, String>() { }.getClass().getGenericSuperclass();

    @PersistenceContext(unitName = "lathe")
    private EntityManager entityManager;

    @Inject
    PluginHost plugins;

    @Inject
    LatheSettings settings;
    @Inject
    PluginCalls calls;

    private final Map<String, GuardedStorageBackend> stores = new ConcurrentHashMap<>();
    private final Map<String, GuardedComputeEnvironment> environments = new ConcurrentHashMap<>();
    private final Map<String, GuardedNotifier> notifiers = new ConcurrentHashMap<>();
    private final Map<String, GuardedOptimizer> optimizers = new ConcurrentHashMap<>();
    private final Jsonb jsonb = JsonbBuilder.create();
    @Inject
    SecretSettings secrets;

    /** Creates the default data store and environment if they do not exist yet. */
    @Transactional
    public void ensureDefaults() {
        long now = System.currentTimeMillis();
        if (entityManager.find(DataStore.class, DEFAULT) == null) {
            entityManager.persist(new DataStore(DEFAULT, "local",
                    jsonb.toJson(Map.of("root", settings.dataDirectory().toString())), now));
        }
        Environment local = entityManager.find(Environment.class, DEFAULT);
        if (local == null) {
            local = new Environment(DEFAULT, "local", jsonb.toJson(Map.of("max-concurrency",
                    Integer.toString(settings.localConcurrency().orElse(DEFAULT_CONCURRENCY)))), now);
            entityManager.persist(local);
        } else if (settings.localConcurrency().isPresent()) {
            Map<String, String> values = new HashMap<>(jsonb.fromJson(local.settingsJson(), SETTINGS_TYPE));
            values.put("max-concurrency", Integer.toString(settings.localConcurrency().get()));
            local.replaceSettings(jsonb.toJson(values));
        }
    }

    public boolean environmentExists(String name) {
        return entityManager.find(Environment.class, name) != null;
    }

    /** The names of every configured environment, sorted. */
    public List<String> environmentNames() {
        return entityManager.createQuery("SELECT e.name FROM Environment e ORDER BY e.name", String.class)
                .setMaxResults(1000).getResultList();
    }

    /** The data store named {@code name}, made on first use; its calls are guarded ({@link PluginCalls}). */
    public GuardedStorageBackend store(String name) {
        return stores.computeIfAbsent(name, n -> {
            Made<StorageBackend> made = create(StorageBackendFactory.class, find(DataStore.class, n, "data store"),
                    "storage");
            return new GuardedStorageBackend(made.instance(), calls, made.target(), null);
        });
    }

    /** The environment named {@code name}, made on first use; its calls are guarded ({@link PluginCalls}). */
    public GuardedComputeEnvironment environment(String name) {
        return environments.computeIfAbsent(name, n -> {
            Made<ComputeEnvironment> made = create(ComputeEnvironmentFactory.class,
                    find(Environment.class, n, "environment"), "compute");
            return new GuardedComputeEnvironment(made.instance(), calls, made.target(), null);
        });
    }

    /** The notification channel named {@code name}, made on first use; its calls are guarded ({@link PluginCalls}). */
    public GuardedNotifier notifier(String name) {
        return notifiers.computeIfAbsent(name, n -> {
            Made<Notifier> made = create(NotifierFactory.class,
                    find(NotificationChannel.class, n, "notification channel"), "notifier");
            return new GuardedNotifier(made.instance(), calls, made.target());
        });
    }

    /**
     * The optimizer a factory makes (optimizers have no settings and keep no state between calls, so one instance per
     * factory serves every task); its calls are guarded ({@link PluginCalls}).
     *
     * @throws PluginException {@code no-such-factory} when no started plugin has it
     */
    public GuardedOptimizer optimizer(String factoryId) {
        return optimizers.computeIfAbsent(factoryId, id -> {
            OptimizerFactory factory = plugins.factory(OptimizerFactory.class, id).orElseThrow(() ->
                    new PluginException("no-such-factory", "no started plugin provides the optimizer '" + id
                            + "'; see GET /api/v1/plugins"));
            HostPluginContext context = context("optimizer", id);
            PluginTarget target = new PluginTarget(plugins.pluginIdOf(factory), "optimizer", id);
            Optimizer optimizer = calls.call(target, "create", null,
                    () -> factory.create(context),
                    made -> made == null ? "no optimizer" : null);
            return new GuardedOptimizer(optimizer, calls, target);
        });
    }

    private <T extends ConfiguredInstance> T find(Class<T> type, String name, String what) {
        T config = entityManager.find(type, name);
        if (config == null) {
            throw new PluginException("no-such-instance", "there is no " + what + " named '" + name + "'");
        }
        return config;
    }

    /** A live instance just made, and what its guarded calls are made to. */
    private record Made<I>(I instance, PluginTarget target) {
    }

    private <I extends AutoCloseable, F extends ConfiguredInstanceFactory<I>> Made<I> create(
            Class<F> point, ConfiguredInstance config, String kind) {
        F factory = plugins.factory(point, config.factory()).orElseThrow(() -> new PluginException("no-such-factory",
                "'" + config.name() + "' needs the " + kind + " extension '" + config.factory()
                        + "', which no started plugin provides; see GET /api/v1/plugins"));
        Map<String, String> values = secrets.open(factory.configProperties(),
                jsonb.fromJson(config.settingsJson(), SETTINGS_TYPE));
        HostPluginContext context = context(kind, config.name());
        PluginTarget target = new PluginTarget(plugins.pluginIdOf(factory), kind, config.name());
        I instance = calls.call(target, "create", null, () -> {
            List<ConfigError> errors = factory.validate(values);
            if (errors == null || !errors.isEmpty()) {
                throw new PluginException("invalid-settings", "'" + config.name() + "' has invalid settings: "
                        + errors);
            }
            return factory.create(Settings.of(factory.configProperties(), values), context);
        }, made -> made == null ? "no instance" : null);
        return new Made<>(instance, target);
    }

    private HostPluginContext context(String kind, String name) {
        Path workDirectory = settings.pluginWorkDirectory().resolve(kind).resolve(name);
        try {
            Files.createDirectories(workDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HostPluginContext(System.getLogger("lathe." + kind + "." + name), workDirectory,
                Clock.systemUTC(), URI.create("http://localhost:" + settings.port() + "/"));
    }

    /**
     * Closes the live instance made from a configured instance that changed or went, so that its next use makes one
     * from the new settings. It is closed in the background: the administrator's change waits for no plugin.
     */
    public void evict(Class<? extends ConfiguredInstance> type, String name) {
        AutoCloseable gone = type == DataStore.class ? stores.remove(name)
                : type == Environment.class ? environments.remove(name)
                : type == NotificationChannel.class ? notifiers.remove(name) : null;
        if (gone != null) {
            calls.closeInBackground(gone);
        }
    }

    /**
     * What holds a live instance made by a plugin's class loader ({@code data store 'local'}, {@code environment
     * 'local'}, {@code optimizer 'grid'}): such a plugin cannot be stopped or replaced while Lathe runs.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> liveInstancesFrom(ClassLoader pluginLoader) {
        List<String> users = new java.util.ArrayList<>();
        stores.forEach((name, store) -> addIfFrom(users, "data store", name, store, pluginLoader));
        environments.forEach((name, environment) -> addIfFrom(users, "environment", name, environment, pluginLoader));
        notifiers.forEach((name, notifier) -> addIfFrom(users, "notification channel", name, notifier,
                pluginLoader));
        optimizers.forEach((name, optimizer) -> addIfFrom(users, "optimizer", name, optimizer, pluginLoader));
        users.sort(null);
        return users;
    }

    private static void addIfFrom(List<String> users, String kind, String name, GuardedInstance instance,
            ClassLoader loader) {
        if (instance.unguarded().getClass().getClassLoader() == loader) {
            users.add(kind + " '" + name + "'");
        }
    }

    /**
     * The default data store and environment whose factory is one of {@code storageIds} or {@code computeIds}
     * ({@code data store 'local'}): the server needs them, so the plugin that makes them must stay.
     */
    public List<String> defaultsMadeBy(java.util.Collection<String> storageIds,
            java.util.Collection<String> computeIds) {
        List<String> users = new java.util.ArrayList<>();
        DataStore store = entityManager.find(DataStore.class, DEFAULT);
        if (store != null && storageIds.contains(store.factory())) {
            users.add("data store '" + DEFAULT + "'");
        }
        Environment environment = entityManager.find(Environment.class, DEFAULT);
        if (environment != null && computeIds.contains(environment.factory())) {
            users.add("environment '" + DEFAULT + "'");
        }
        return users;
    }

    /** Ids of every environment that has a live instance, with it. */
    public Map<String, ComputeEnvironment> liveEnvironments() {
        return Map.<String, ComputeEnvironment>copyOf(environments);
    }

    /**
     * Closes every live instance: environments first, so running jobs end (stopped) and are recorded while the
     * database is still there, then data stores. Called at shutdown; safe to call twice.
     */
    @PreDestroy
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void closeAll() {
        List.copyOf(environments.keySet()).forEach(name -> closeQuietly(environments.remove(name)));
        List.copyOf(stores.keySet()).forEach(name -> closeQuietly(stores.remove(name)));
        List.copyOf(notifiers.keySet()).forEach(name -> closeQuietly(notifiers.remove(name)));
        List.copyOf(optimizers.keySet()).forEach(name -> closeQuietly(optimizers.remove(name)));
    }

    private static void closeQuietly(AutoCloseable instance) {
        if (instance == null) {
            return;
        }
        try {
            instance.close();
        } catch (Exception e) {
            // PluginCalls logged and recorded it
        }
    }
}
