package io.lathe.server.plugins.points;

import java.util.Map;
import java.util.Objects;

/**
 * What a guarded plugin call is made to: the plugin that provides it, its extension point ({@code storage},
 * {@code compute}, {@code notifier}, {@code optimizer}) and the configured instance's name (an optimizer's factory id).
 */
public record PluginTarget(String pluginId, String extension, String instance) {

    private static final Map<String, String> NOUNS = Map.of("storage", "data store", "compute", "environment",
            "notifier", "notification channel", "optimizer", "optimizer");

    public PluginTarget {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(instance, "instance");
    }

    /** {@code the data store 'archive'}, as a message names it. */
    public String describe() {
        return "the " + named(extension, instance);
    }

    /** {@code data store 'archive'}: an instance of an extension point as a person calls it. */
    public static String named(String extension, String instance) {
        return NOUNS.getOrDefault(extension, extension) + " '" + instance + "'";
    }
}
