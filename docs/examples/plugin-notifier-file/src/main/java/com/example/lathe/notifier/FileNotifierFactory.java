package com.example.lathe.notifier;

import io.lathe.plugin.api.PluginContext;
import io.lathe.plugin.api.config.ConfigProperty;
import io.lathe.plugin.api.config.ConfigPropertyType;
import io.lathe.plugin.api.config.Settings;
import io.lathe.plugin.api.notify.Notifier;
import io.lathe.plugin.api.notify.NotifierFactory;
import java.nio.file.Path;
import java.util.List;
import org.pf4j.Extension;

/** Makes notification channels that append each event to a file, one JSON line each. */
@Extension
public final class FileNotifierFactory implements NotifierFactory {

    static final String FILE = "file";

    private static final List<ConfigProperty> PROPERTIES = List.of(
            ConfigProperty.builder(FILE, ConfigPropertyType.STRING)
                    .label("File")
                    .help("The file events are appended to; relative paths are below the plugin's work folder.")
                    .defaultValue("events.jsonl")
                    .build());

    @Override
    public String id() {
        return "file";
    }

    @Override
    public String displayName() {
        return "File";
    }

    @Override
    public String description() {
        return "Appends each event to a file as a line of JSON.";
    }

    @Override
    public List<ConfigProperty> configProperties() {
        return PROPERTIES;
    }

    @Override
    public Notifier create(Settings settings, PluginContext context) {
        Path file = context.workDirectory().resolve(settings.get(FILE));
        return new FileNotifier(file);
    }
}
