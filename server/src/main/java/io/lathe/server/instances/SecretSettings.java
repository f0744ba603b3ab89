package io.lathe.server.instances;

import io.lathe.plugin.api.config.ConfigProperty;
import io.lathe.server.platform.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of configured instances as stored: the values of properties their extension declares secret are
 * sealed with the server's key (AES-GCM, {@link SecretBox}), each bound to its instance and setting (a sealed value
 * copied to another instance or setting does not open), and opened only to create the instance.
 */
@ApplicationScoped
public class SecretSettings {

    /** What is shown instead of a secret value that is set. */
    public static final String MASK = "***";

    @Inject
    SecretBox box;

    /** The settings to store: secret values sealed. */
    /** The settings to store for the instance {@code name} of {@code point}: secret values sealed. */
    public Map<String, String> seal(String point, String name, List<ConfigProperty> properties,
            Map<String, String> plain) {
        Map<String, String> sealed = new HashMap<>(plain);
        for (ConfigProperty property : properties) {
            String value = plain.get(property.name());
            if (property.secret() && value != null && !value.isEmpty()) {
                sealed.put(property.name(), box.encrypt(value, boundTo(point, name, property)));
            }
        }
        return sealed;
    }

    /**
     * The settings as the extension takes them: secret values opened. A secret stored as plain text (written into the
     * database by hand, before there was an API) is taken as it is.
     */
    public Map<String, String> open(String point, String name, List<ConfigProperty> properties,
            Map<String, String> stored) {
        Map<String, String> open = new HashMap<>(stored);
        for (ConfigProperty property : properties) {
            String value = stored.get(property.name());
            if (property.secret() && value != null && box.isSealed(value)) {
                open.put(property.name(), box.decrypt(value, boundTo(point, name, property)));
            }
        }
        return open;
    }

    /** Whether every secret value is sealed in the current form; else the settings should be sealed again. */
    public boolean isCurrent(List<ConfigProperty> properties, Map<String, String> stored) {
        for (ConfigProperty property : properties) {
            String value = stored.get(property.name());
            if (property.secret() && value != null && box.isSealed(value) && !box.isCurrent(value)) {
                return false;
            }
        }
        return true;
    }

    private static String boundTo(String point, String name, ConfigProperty property) {
        return "instance:" + point + "/" + name + "#" + property.name();
    }

    /** The settings as the API and console show them: secret values replaced by {@link #MASK}. */
    public Map<String, String> masked(List<ConfigProperty> properties, Map<String, String> stored) {
        Map<String, String> shown = new HashMap<>(stored);
        for (ConfigProperty property : properties) {
            if (property.secret() && stored.get(property.name()) != null && !stored.get(property.name()).isEmpty()) {
                shown.put(property.name(), MASK);
            }
        }
        return shown;
    }
}
