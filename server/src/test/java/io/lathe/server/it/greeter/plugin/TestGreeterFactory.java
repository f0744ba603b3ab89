package io.lathe.server.it.greeter.plugin;

import io.lathe.plugin.api.PluginContext;
import io.lathe.plugin.api.config.ConfigError;
import io.lathe.plugin.api.config.ConfigProperty;
import io.lathe.plugin.api.config.ConfigPropertyType;
import io.lathe.plugin.api.config.Settings;
import io.lathe.server.it.greeter.Greeter;
import io.lathe.server.it.greeter.GreeterFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A plugin's factory of the test-only point, packed into a plugin jar of its own by {@code ExtensionPointIT}. A
 * greeter says its {@code greeting}; its {@code behaviour} makes it hang or answer null instead, on purpose.
 */
public final class TestGreeterFactory implements GreeterFactory {

    private static final List<ConfigProperty> PROPERTIES = List.of(
            ConfigProperty.builder("greeting", ConfigPropertyType.STRING).label("Greeting")
                    .help("What the greeter says before the name.").required().build(),
            ConfigProperty.builder("behaviour", ConfigPropertyType.CHOICE).label("Behaviour")
                    .options(List.of("fine", "hang", "null")).defaultValue("fine").build(),
            ConfigProperty.builder("password", ConfigPropertyType.STRING).label("Password").secret().build());

    @Override
    public String id() {
        return "test";
    }

    @Override
    public String displayName() {
        return "Test greeter";
    }

    @Override
    public List<ConfigProperty> configProperties() {
        return PROPERTIES;
    }

    @Override
    public List<ConfigError> validate(Map<String, String> settings) {
        List<ConfigError> errors = new ArrayList<>(GreeterFactory.super.validate(settings));
        String greeting = settings.get("greeting");
        if (greeting != null && greeting.contains(",")) {
            errors.add(new ConfigError("greeting", "Greeting must not hold a comma: the greeter adds one"));
        }
        return errors;
    }

    @Override
    public Greeter create(Settings settings, PluginContext context) {
        String greeting = settings.get("greeting");
        String behaviour = settings.get("behaviour");
        return new Greeter() {
            @Override
            public String greet(String who) {
                if (behaviour.equals("hang")) {
                    try {
                        Thread.sleep(600_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return behaviour.equals("null") ? null : greeting + ", " + who + "!";
            }

            @Override
            public void close() {
            }
        };
    }
}
