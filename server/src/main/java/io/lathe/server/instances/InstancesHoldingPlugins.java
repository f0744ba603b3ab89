package io.lathe.server.instances;

import io.lathe.plugin.api.ExtensionFactory;
import io.lathe.server.plugins.admin.PluginHolders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;

/** Live instances hold the plugin that made them; the default instances need the plugins that make them. */
@ApplicationScoped
public class InstancesHoldingPlugins implements PluginHolders {

    @Inject
    LiveInstances live;
    @Inject
    DefaultInstances defaults;

    @Override
    public List<String> liveFrom(ClassLoader pluginLoader) {
        return live.madeBy(pluginLoader);
    }

    @Override
    public List<String> neededFrom(Collection<? extends ExtensionFactory<?>> factories) {
        return defaults.madeBy(factories);
    }
}
