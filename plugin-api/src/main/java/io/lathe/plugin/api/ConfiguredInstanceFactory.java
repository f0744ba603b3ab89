package io.lathe.plugin.api;

import io.lathe.plugin.api.config.ConfigError;
import io.lathe.plugin.api.config.ConfigProperty;
import io.lathe.plugin.api.config.Settings;
import java.util.List;
import java.util.Map;

/**
 * A factory of <em>configured instances</em>: an administrator names an instance, picks this factory and fills in the
 * settings it declares ({@link #configProperties()}), and the server persists the factory id and the settings (never
 * a serialised object). When the instance is first needed, the server calls {@link #validate(Map)} and then
 * {@link #create(Settings, PluginContext)}, keeps the instance and uses it from then on, and closes it when the
 * configured instance is changed or removed, or the server stops. One factory serves many configured instances.
 *
 * <p>Threading and null policy: as {@link ExtensionFactory}.
 *
 * @param <T> the type of the instances this factory creates
 */
public interface ConfiguredInstanceFactory<T extends AutoCloseable> extends ExtensionFactory<T> {

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
