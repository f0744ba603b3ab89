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
 * sealed with the server's key (AES-GCM, {@link SecretBox}) and opened only to create the instance.
 */
@ApplicationScoped
public class SecretSettings {

    /** What is shown instead of a secret value that is set. */
    public static final String MASK = "***";

    @Inject
    SecretBox box;

    /** The settings to store: secret values sealed. */
    public Map<String, String> seal(List<ConfigProperty> properties, Map<String, String> plain) {
        Map<String, String> sealed = new HashMap<>(plain);
        for (ConfigProperty property : properties) {
            String value = plain.get(property.name());
            if (property.secret() && value != null && !value.isEmpty()) {
                sealed.put(property.name(), box.encrypt(value));
            }
        }
        return sealed;
    }

    /**
     * The settings as the extension takes them: secret values opened. A secret stored as plain text (written into the
     * database by hand, before there was an API) is taken as it is.
     */
    public Map<String, String> open(List<ConfigProperty> properties, Map<String, String> stored) {
        Map<String, String> open = new HashMap<>(stored);
        for (ConfigProperty property : properties) {
            String value = stored.get(property.name());
            if (property.secret() && value != null && box.isSealed(value)) {
                open.put(property.name(), box.decrypt(value));
            }
        }
        return open;
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
