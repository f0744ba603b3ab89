package io.lathe.server.plugins.points;

import java.util.Objects;

/**
 * What a guarded plugin call is made to: the plugin that provides it, its extension point and the instance's name
 * (a configured instance's, or for a plain-service point the factory's id).
 */
public record PluginTarget(String pluginId, ExtensionPoint<?, ?> point, String instance) {

    public PluginTarget {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(instance, "instance");
    }

    /** {@code the data store 'archive'}, as a message names it. */
    public String describe() {
        return "the " + point.named(instance);
    }
}
