package io.lathe.plugins.storage.local;

import io.lathe.plugin.api.PluginContext;
import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.config.ConfigError;
import io.lathe.plugin.api.config.ConfigProperty;
import io.lathe.plugin.api.config.ConfigPropertyType;
import io.lathe.plugin.api.config.Settings;
import io.lathe.plugin.api.storage.StorageBackend;
import io.lathe.plugin.api.storage.StorageBackendFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** Makes data stores that keep each object as a file under a root folder of the server's machine. */
@Extension
public final class LocalStorageBackendFactory implements StorageBackendFactory {

    static final String ROOT = "root";

    private static final List<ConfigProperty> PROPERTIES = List.of(
            ConfigProperty.builder(ROOT, ConfigPropertyType.STRING)
                    .label("Root folder")
                    .help("Absolute path of the folder that holds the objects; created if missing.")
                    .required()
                    .build());

    @Override
    public String id() {
        return "local";
    }

    @Override
    public String displayName() {
        return "Local folder";
    }

    @Override
    public String description() {
        return "Keeps objects as files under a folder on the server's machine.";
    }

    @Override
    public List<ConfigProperty> configProperties() {
        return PROPERTIES;
    }

    @Override
    public List<ConfigError> validate(Map<String, String> settings) {
        List<ConfigError> errors = new ArrayList<>(StorageBackendFactory.super.validate(settings));
        String root = settings.get(ROOT);
        if (root != null && !root.isBlank()) {
            try {
                Path path = Path.of(root.trim());
                if (!path.isAbsolute()) {
                    errors.add(new ConfigError(ROOT,
                            "Root folder must be an absolute path, such as /var/lib/lathe/data"));
                } else if (!path.equals(path.normalize())) {
                    // '/srv/sub/../x' names /srv/x only if 'sub' is a folder and not a link: what an admin reads
                    // must be where the objects go.
                    errors.add(new ConfigError(ROOT, "Root folder must be written without '.' or '..' segments,"
                            + " such as " + path.normalize()));
                }
            } catch (InvalidPathException e) {
                errors.add(new ConfigError(ROOT, "Root folder is not a valid path: " + e.getReason()));
            }
        }
        return errors;
    }

    @Override
    public StorageBackend create(Settings settings, PluginContext context) {
        Path root = Path.of(settings.get(ROOT).trim());
        try {
            Files.createDirectories(root);
            Path realRoot = root.toRealPath();
            if (!Files.isWritable(realRoot)) {
                throw new PluginException("root-not-writable",
                        "the server may not write to " + realRoot + ": grant it write access or pick another folder");
            }
            context.logger().log(System.Logger.Level.DEBUG, "storing objects under {0}", realRoot);
            return new LocalStorageBackend(new RootFolder(realRoot));
        } catch (IOException e) {
            throw new PluginException("root-not-usable",
                    "cannot use " + root + " as the root folder: " + Failures.reason(e), e);
        }
    }
}
