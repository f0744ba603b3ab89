package io.lathe.server.plugins.admin;

import io.lathe.plugin.api.ExtensionFactory;
import java.util.Collection;
import java.util.List;

/**
 * What keeps a plugin from being taken away, as the part of the server that holds it says: live objects the plugin's
 * class loader made, or what the server runs on that the plugin's factories make. Implemented where such things are
 * kept (configured instances) and found by CDI, so that plugin administration imports none of them.
 */
public interface PluginHolders {

    /**
     * What holds a live object made by {@code pluginLoader} ({@code data store 'local'}): until the next start, the
     * plugin cannot be stopped or replaced.
     */
    List<String> liveFrom(ClassLoader pluginLoader);

    /**
     * What the server runs on among what {@code factories} make ({@code data store 'local'}): the plugin that offers
     * them cannot be disabled or uninstalled.
     */
    List<String> neededFrom(Collection<? extends ExtensionFactory<?>> factories);
}
