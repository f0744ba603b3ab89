package io.lathe.plugin.api;

import io.lathe.plugin.api.config.ConfigError;
import io.lathe.plugin.api.config.ConfigProperty;
import io.lathe.plugin.api.config.Settings;
import java.util.List;
import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * A factory for one kind of integration: the thing a plugin contributes to an extension point.
 *
 * <p>Lifecycle: the server makes one instance of a factory per start of its plugin and uses that one while the plugin
 * runs; a restart or an upgrade of the plugin makes a new one. A factory is stateless. An administrator creates
 * <em>configured instances</em> from it ("prod-s3" made by factory "s3"): the server persists the factory id and the
 * settings, calls {@link #validate(Map)} and then {@link #create(Settings, PluginContext)}, uses the instance, and
 * {@link AutoCloseable#close() closes} it when the configured instance is changed or removed, or the plugin stops.
 *
 * <p>Threading: every method may be called from any thread, concurrently. Null policy: no argument is null and no
 * method returns null.
 *
 * @param <T> the type of the instances this factory creates
 */
public interface ExtensionFactory<T extends AutoCloseable> extends ExtensionPoint {

    /** A stable kebab-case id, unique within the extension point (e.g. {@code local}, {@code s3}); persisted. */
    String id();

    /** The name an administrator reads in the console. */
    String displayName();

    /** One sentence on what this integration does. */
    default String description() {
        return "";
    }

    /** The settings a configured instance takes, in the order a form shows them. */
    List<ConfigProperty> configProperties();

    /**
     * Checks settings before anything is created or saved. The default checks them against
     * {@link #configProperties()}: required values present, types parse, choices respected, no unknown names.
     * Override to add checks that span fields, and call the default first.
     *
     * @return one error per faulty field; empty when the settings are acceptable
     */
    default List<ConfigError> validate(Map<String, String> settings) {
        return ConfigProperty.validate(configProperties(), settings);
    }

    /**
     * Creates a configured instance. Called only with settings that passed {@link #validate(Map)}, within the same
     * time limit as every call to the instance (30 s by default); never return null.
     *
     * @throws PluginException when the instance cannot be made (a missing bucket, an unreachable endpoint)
     */
    T create(Settings settings, PluginContext context);
}
