package io.lathe.plugins.optimizer.tpe;

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

/** Makes Bayesian (Tree-structured Parzen Estimator) optimizers; see {@link TpeOptimizer}. */
@Extension
public final class TpeOptimizerFactory implements OptimizerFactory {

    static final String STARTUP_TRIALS = "startup-trials";
    static final String CANDIDATES = "candidates";

    private static final List<ConfigProperty> PROPERTIES = List.of(
            ConfigProperty.builder(STARTUP_TRIALS, ConfigPropertyType.INTEGER)
                    .label("Random trials first")
                    .help("How many trials must have a result before the model is used; until then proposals "
                            + "are random.")
                    .defaultValue("10")
                    .build(),
            ConfigProperty.builder(CANDIDATES, ConfigPropertyType.INTEGER)
                    .label("Candidates per proposal")
                    .help("How many points are drawn from the model of good trials to pick each proposal from; "
                            + "more exploit the model harder.")
                    .defaultValue("24")
                    .build());

    @Override
    public String id() {
        return "tpe";
    }

    @Override
    public String displayName() {
        return "Bayesian (TPE)";
    }

    @Override
    public String description() {
        return "Tree-structured Parzen Estimator: after some random trials, proposes values that were more common "
                + "among the best results than among the others.";
    }

    @Override
    public List<ConfigProperty> configProperties() {
        return PROPERTIES;
    }

    @Override
    public List<ConfigError> validate(Map<String, String> settings) {
        List<ConfigError> errors = new ArrayList<>(OptimizerFactory.super.validate(settings));
        for (ConfigProperty property : PROPERTIES) {
            String value = settings.get(property.name());
            boolean parses = errors.stream().noneMatch(error -> error.field().equals(property.name()));
            if (parses && value != null && !value.isBlank() && Long.parseLong(value.trim()) < 1) {
                errors.add(new ConfigError(property.name(), property.label() + " must be at least 1"));
            }
        }
        return errors;
    }

    @Override
    public Optimizer create(Settings settings, PluginContext context) {
        return new TpeOptimizer(settings.getInt(STARTUP_TRIALS), settings.getInt(CANDIDATES));
    }
}
