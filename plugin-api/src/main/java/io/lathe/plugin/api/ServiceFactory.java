package io.lathe.plugin.api;

/**
 * A factory for an extension point used as a plain service: it takes no settings, and the server makes one instance
 * per factory with {@link #create(PluginContext)}, the first time it is needed, and uses that instance for every
 * caller (concurrently) until the server stops and closes it. What changes from one call to the next comes in the
 * call's arguments, so an instance keeps no state the server would lose on a restart.
 *
 * <p>Threading and null policy: as {@link ExtensionFactory}.
 *
 * @param <T> the type of the instance this factory creates
 */
public interface ServiceFactory<T extends AutoCloseable> extends ExtensionFactory<T> {

    /**
     * Creates the instance. Called within the same time limit as every call to the instance (30 s by default); never
     * return null.
     *
     * @throws PluginException when the instance cannot be made
     */
    T create(PluginContext context);
}
