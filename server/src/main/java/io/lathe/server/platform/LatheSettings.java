package io.lathe.server.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's settings, read once through MicroProfile Config: system properties set by the launcher, or
 * environment variables of the same name ({@code lathe.home} is also found as {@code LATHE_HOME}).
 */
@ApplicationScoped
public class LatheSettings {

    /** The version plugins' {@code Plugin-Requires} ranges are checked against. */
    public static final String VERSION = "0.1.0";

    private Path home;
    private int port;
    private String databaseUrl;
    private Optional<Integer> localConcurrency;

    protected LatheSettings() {
        // for CDI proxies
    }

    @Inject
    public LatheSettings(
            @ConfigProperty(name = "lathe.home") String home,
            @ConfigProperty(name = "lathe.port", defaultValue = "8080") int port,
            @ConfigProperty(name = "lathe.db.url") String databaseUrl,
            @ConfigProperty(name = "lathe.local.concurrency") Optional<Integer> localConcurrency) {
        this.home = Path.of(home).toAbsolutePath().normalize();
        this.port = port;
        this.databaseUrl = databaseUrl;
        this.localConcurrency = localConcurrency;
    }

    /** The data folder: database (H2), plugins, secrets, logs, stored data. */
    public Path home() {
        return home;
    }

    public int port() {
        return port;
    }

    /** The JDBC URL without credentials, for the start-up banner and the system page. */
    public String databaseUrl() {
        return databaseUrl;
    }

    /**
     * How many executions the default local environment runs at once ({@code LATHE_LOCAL_CONCURRENCY}), when the
     * setting is given; it then overrides what the environment was configured with.
     */
    public Optional<Integer> localConcurrency() {
        return localConcurrency;
    }

    public Path pluginsDirectory() {
        return folder("plugins");
    }

    public Path secretsDirectory() {
        return folder("secrets");
    }

    /** Where each execution's log lives. */
    public Path executionsDirectory() {
        return folder("executions");
    }

    /** Scratch space for uploads and downloads in progress; emptied at start-up. */
    public Path temporaryDirectory() {
        return folder("tmp");
    }

    /** Where configured plugin instances keep their own files. */
    public Path pluginWorkDirectory() {
        return folder("plugin-work");
    }

    public Path dataDirectory() {
        return folder("data");
    }

    private Path folder(String name) {
        Path folder = home.resolve(name);
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }
}
