package io.lathe.plugins.optimizer.grid;

import io.lathe.plugin.api.PluginContext;
import io.lathe.plugin.api.config.ConfigError;
import io.lathe.plugin.api.config.ConfigProperty;
import io.lathe.plugin.api.config.ConfigPropertyType;
import io.lathe.plugin.api.config.Settings;
import io.lathe.plugin.api.optimizer.Optimizer;
import io.lathe.plugin.api.optimizer.OptimizerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** Makes grid-search optimizers: every combination of the parameters' values, in order. */
@Extension
public final class GridOptimizerFactory implements OptimizerFactory {

    static final String MAX_COMBINATIONS = "max-combinations";
    static final long DEFAULT_MAX_COMBINATIONS = 1_000_000;

    private static final List<ConfigProperty> PROPERTIES = List.of(
            ConfigProperty.builder(MAX_COMBINATIONS, ConfigPropertyType.INTEGER)
                    .label("Largest grid")
                    .help("The most combinations a task may search; a larger grid is refused as a likely mistake.")
                    .defaultValue(Long.toString(DEFAULT_MAX_COMBINATIONS))
                    .build());

    @Override
    public String id() {
        return "grid";
    }

    @Override
    public String displayName() {
        return "Grid search";
    }

    @Override
    public String description() {
        return "Tries every combination of the parameters' values, the last parameter changing fastest.";
    }

    @Override
    public List<ConfigProperty> configProperties() {
        return PROPERTIES;
    }

    @Override
    public List<ConfigError> validate(Map<String, String> settings) {
        List<ConfigError> errors = new ArrayList<>(OptimizerFactory.super.validate(settings));
        String max = settings.get(MAX_COMBINATIONS);
        boolean parses = errors.stream().noneMatch(error -> error.field().equals(MAX_COMBINATIONS));
        if (parses && max != null && !max.isBlank() && Long.parseLong(max.trim()) < 1) {
            errors.add(new ConfigError(MAX_COMBINATIONS, "Largest grid must be at least 1"));
        }
        return errors;
    }

    @Override
    public Optimizer create(Settings settings, PluginContext context) {
        return new GridOptimizer(settings.getLong(MAX_COMBINATIONS));
    }
}
