package io.lathe.server.plugins;

import io.lathe.plugin.api.ExtensionFactory;
import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.compute.ComputeEnvironment;
import io.lathe.plugin.api.compute.ComputeEnvironmentFactory;
import io.lathe.plugin.api.config.ConfigError;
import io.lathe.plugin.api.config.Settings;
import io.lathe.plugin.api.storage.StorageBackend;
import io.lathe.plugin.api.storage.StorageBackendFactory;
import io.lathe.server.platform.LatheSettings;
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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns configured instances (data stores, environments) into live plugin instances, made once and reused, and
 * creates the defaults a fresh server runs on: data store {@code local} and environment {@code local}.
 */
@ApplicationScoped
@Transactional
public class ConfiguredInstances {

    public static final String DEFAULT = "local";
    static final int DEFAULT_CONCURRENCY = 2;
    private static final Logger LOG = Logger.getLogger(ConfiguredInstances.class.getName());
    private static final Type SETTINGS_TYPE = new HashMap<String, String>() { }.getClass().getGenericSuperclass();

    @PersistenceContext(unitName = "lathe")
    private EntityManager entityManager;

    @Inject
    PluginHost plugins;

    @Inject
    LatheSettings settings;

    private final Map<String, StorageBackend> stores = new ConcurrentHashMap<>();
    private final Map<String, ComputeEnvironment> environments = new ConcurrentHashMap<>();
    private final Map<String, io.lathe.plugin.api.optimizer.Optimizer> optimizers = new ConcurrentHashMap<>();
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

    /** The data store named {@code name}, made on first use. */
    public StorageBackend store(String name) {
        return stores.computeIfAbsent(name, n -> {
            DataStore config = find(DataStore.class, n, "data store");
            return create(StorageBackendFactory.class, config, "storage");
        });
    }

    /** The environment named {@code name}, made on first use. */
    public ComputeEnvironment environment(String name) {
        return environments.computeIfAbsent(name, n -> {
            Environment config = find(Environment.class, n, "environment");
            return create(ComputeEnvironmentFactory.class, config, "compute");
        });
    }

    /**
     * The optimizer a factory makes (optimizers have no settings and keep no state between calls, so one instance per
     * factory serves every task).
     *
     * @throws PluginException {@code no-such-factory} when no started plugin has it
     */
    public io.lathe.plugin.api.optimizer.Optimizer optimizer(String factoryId) {
        return optimizers.computeIfAbsent(factoryId, id -> {
            io.lathe.plugin.api.optimizer.OptimizerFactory factory = plugins.factory(
                    io.lathe.plugin.api.optimizer.OptimizerFactory.class, id).orElseThrow(() -> new PluginException(
                    "no-such-factory", "no started plugin provides the optimizer '" + id + "'; see GET"
                            + " /api/v1/plugins"));
            Path workDirectory = settings.pluginWorkDirectory().resolve("optimizer").resolve(id);
            try {
                Files.createDirectories(workDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            HostPluginContext context = new HostPluginContext(System.getLogger("lathe.optimizer." + id),
                    workDirectory, Clock.systemUTC(), URI.create("http://localhost:" + settings.port() + "/"));
            return factory.create(Settings.of(factory.configProperties(), Map.of()), context);
        });
    }

    private <T extends ConfiguredInstance> T find(Class<T> type, String name, String what) {
        T config = entityManager.find(type, name);
        if (config == null) {
            throw new PluginException("no-such-instance", "there is no " + what + " named '" + name + "'");
        }
        return config;
    }

    private <I extends AutoCloseable, F extends ExtensionFactory<I>> I create(
            Class<F> point, ConfiguredInstance config, String kind) {
        F factory = plugins.factory(point, config.factory()).orElseThrow(() -> new PluginException("no-such-factory",
                "'" + config.name() + "' needs the " + kind + " extension '" + config.factory()
                        + "', which no started plugin provides; see GET /api/v1/plugins"));
        Map<String, String> values = secrets.open(factory.configProperties(),
                jsonb.fromJson(config.settingsJson(), SETTINGS_TYPE));
        List<ConfigError> errors = factory.validate(values);
        if (!errors.isEmpty()) {
            throw new PluginException("invalid-settings", "'" + config.name() + "' has invalid settings: " + errors);
        }
        Path workDirectory = settings.pluginWorkDirectory().resolve(kind).resolve(config.name());
        try {
            Files.createDirectories(workDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HostPluginContext context = new HostPluginContext(System.getLogger("lathe." + kind + "." + config.name()),
                workDirectory, Clock.systemUTC(), URI.create("http://localhost:" + settings.port() + "/"));
        return factory.create(Settings.of(factory.configProperties(), values), context);
    }

    /**
     * Closes the live instance made from a configured instance that changed or went, so that its next use makes one
     * from the new settings.
     */
    public void evict(Class<? extends ConfiguredInstance> type, String name) {
        if (type == DataStore.class) {
            closeQuietly(stores.remove(name));
        } else if (type == Environment.class) {
            closeQuietly(environments.remove(name));
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
        optimizers.forEach((name, optimizer) -> addIfFrom(users, "optimizer", name, optimizer, pluginLoader));
        users.sort(null);
        return users;
    }

    private static void addIfFrom(List<String> users, String kind, String name, Object instance, ClassLoader loader) {
        if (instance.getClass().getClassLoader() == loader) {
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
        return Map.copyOf(environments);
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
        List.copyOf(optimizers.keySet()).forEach(name -> closeQuietly(optimizers.remove(name)));
    }

    private static void closeQuietly(AutoCloseable instance) {
        if (instance == null) {
            return;
        }
        try {
            instance.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing a plugin instance failed", e);
        }
    }
}
