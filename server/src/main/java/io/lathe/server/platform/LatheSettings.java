package io.lathe.server.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
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
    private URI baseUrl;
    private String databaseUrl;
    private Optional<Integer> localConcurrency;

    protected LatheSettings() {
        // for CDI proxies
    }

    /**
     * @throws IllegalArgumentException when {@code LATHE_BASE_URL} is not an absolute http(s) URL; the message names
     *     the variable
     */
    @Inject
    public LatheSettings(
            @ConfigProperty(name = "lathe.home") String home,
            @ConfigProperty(name = "lathe.port", defaultValue = "8080") int port,
            @ConfigProperty(name = "lathe.base.url") Optional<String> baseUrl,
            @ConfigProperty(name = "lathe.db.url") String databaseUrl,
            @ConfigProperty(name = "lathe.local.concurrency") Optional<Integer> localConcurrency) {
        this.home = Path.of(home).toAbsolutePath().normalize();
        this.port = port;
        this.baseUrl = baseUrlSetting(baseUrl, port);
        this.databaseUrl = databaseUrl;
        this.localConcurrency = localConcurrency;
    }

    /** Settings with the default base URL, {@code http://localhost:<port>/}. */
    public LatheSettings(String home, int port, String databaseUrl, Optional<Integer> localConcurrency) {
        this(home, port, Optional.empty(), databaseUrl, localConcurrency);
    }

    /**
     * {@code LATHE_BASE_URL} as given, with a trailing slash added, or {@code http://localhost:<port>/} when it is not
     * set.
     *
     * @throws IllegalArgumentException when it is not an absolute http or https URL with a host, or has a query or
     *     a fragment
     */
    static URI baseUrlSetting(Optional<String> text, int port) {
        String given = text.map(String::strip).filter(t -> !t.isEmpty()).orElse(null);
        if (given == null) {
            return URI.create("http://localhost:" + port + "/");
        }
        String problem = "LATHE_BASE_URL must be the absolute http(s) URL users reach Lathe at, such as"
                + " https://lathe.example.com/, not '" + given + "'";
        URI url;
        try {
            url = new URI(given);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(problem, e);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null || url.getRawQuery() != null
                || url.getRawFragment() != null) {
            throw new IllegalArgumentException(problem);
        }
        return url.getRawPath().endsWith("/") ? url : URI.create(given + "/");
    }

    /** The data folder: database (H2), plugins, secrets, logs, stored data. */
    public Path home() {
        return home;
    }

    public int port() {
        return port;
    }

    /**
     * The URL users reach the server at ({@code LATHE_BASE_URL}), ending in {@code /}: behind a proxy it is the
     * proxy's. Links the server hands out (to plugins, in events, for downloads) are resolved against it.
     */
    public URI baseUrl() {
        return baseUrl;
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

    /** Where the first start writes the first admin's API token; deleted once the admin signs in. */
    public Path initialAdminTokenFile() {
        return secretsDirectory().resolve("initial-admin-token");
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
