package io.lathe.server.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's settings, read once through MicroProfile Config: system properties set by the launcher, or
 * environment variables of the same name ({@code lathe.home} is also found as {@code LATHE_HOME}).
 */
@ApplicationScoped
public class LatheSettings {

    /**
     * This Lathe's version, the project version the build wrote into {@code lathe-build.properties}, such as
     * {@code 0.1.0-SNAPSHOT}: shown in the start-up banner, the console and messages.
     */
    public static final String VERSION = buildVersion();

    /**
     * The version plugins' {@code Plugin-Requires} ranges are checked against (PF4J's system version):
     * {@link #VERSION} without its qualifier. Semantic versioning orders {@code 0.1.0-SNAPSHOT} before {@code 0.1.0},
     * so a development build of 0.1.0 would refuse the plugins built with it, which require {@code >=0.1.0}; for
     * compatibility a build of a version is that version.
     */
    public static final String SYSTEM_VERSION = withoutQualifier(VERSION);

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

    private static String buildVersion() {
        Properties build = new Properties();
        try (InputStream in = LatheSettings.class.getResourceAsStream("lathe-build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lathe-build.properties", e);
        }
        String version = build.getProperty("version", "");
        if (version.isBlank() || version.contains("${")) {
            throw new IllegalStateException("lathe-build.properties holds no version: build Lathe with Maven");
        }
        return version.strip();
    }

    static String withoutQualifier(String version) {
        Matcher release = Pattern.compile("\\d+\\.\\d+\\.\\d+").matcher(version);
        if (!release.lookingAt()) {
            throw new IllegalStateException("Lathe's version '" + version + "' is not major.minor.patch");
        }
        return release.group();
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
