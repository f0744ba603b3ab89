package io.lathe.server.plugins.host;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.DefaultExtensionFactory;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginStateEvent;

/**
 * Makes each extension of a plugin once per start of that plugin, as plugin-api's {@code ExtensionFactory} promises
 * (PF4J's default makes a new object on every lookup). What a start made is dropped when the plugin leaves
 * {@code STARTED} (stopped, disabled, failed, unloaded): the next start makes new objects, from the new class loader
 * after an upgrade, and nothing here keeps the old class loader alive.
 *
 * <p>PF4J's own {@code SingletonExtensionFactory} (3.15) also caches per class loader, but in plain {@code HashMap}s
 * that every request thread would read and write, and its cache is filled on first lookup, so a lookup racing a stop
 * puts the stopped plugin's objects (and class loader) back for good. Here a start opens a fresh table and a stop
 * discards it; a lookup that raced the stop fills only the discarded table.
 */
final class OncePerStartExtensionFactory implements ExtensionFactory {

    private final ExtensionFactory maker = new DefaultExtensionFactory();
    /** The extensions made during the current start of each started plugin, by the plugin's class loader. */
    private final Map<ClassLoader, Map<Class<?>, Object>> started = new ConcurrentHashMap<>();

    /** Follows the starts and stops of {@code manager}'s plugins. */
    OncePerStartExtensionFactory(PluginManager manager) {
        Objects.requireNonNull(manager, "manager").addPluginStateListener(this::pluginStateChanged);
    }

    private void pluginStateChanged(PluginStateEvent event) {
        ClassLoader loader = event.getPlugin().getPluginClassLoader();
        if (loader == null) {
            return;
        }
        if (event.getPluginState() == PluginState.STARTED) {
            started.put(loader, new ConcurrentHashMap<>());
        } else {
            started.remove(loader);
        }
    }

    /**
     * The extension made during this start of its plugin, made now if it is the first lookup. A class that is no
     * started plugin's (the server's own, or a lookup in the instant between PF4J marking a plugin started and telling
     * its listeners) gets a new object that is not kept.
     */
    @Override
    public <T> T create(Class<T> extensionClass) {
        ClassLoader loader = extensionClass.getClassLoader();
        Map<Class<?>, Object> made = loader == null ? null : started.get(loader);
        if (made == null) {
            return maker.create(extensionClass);
        }
        Object existing = made.get(extensionClass);
        if (existing == null) {
            // Not computeIfAbsent: an extension's constructor may look up other extensions of the same plugin.
            // Two threads may both make one; the first kept is the one every lookup gets.
            Object fresh = maker.create(extensionClass);
            existing = made.putIfAbsent(extensionClass, fresh);
            if (existing == null) {
                existing = fresh;
            }
        }
        return extensionClass.cast(existing);
    }
}
