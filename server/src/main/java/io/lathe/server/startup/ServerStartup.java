package io.lathe.server.startup;

import io.lathe.server.accounts.InitialAdmin;
import io.lathe.server.auth.AccountSettings;
import io.lathe.server.executions.ExecutionScheduler;
import io.lathe.server.instances.DefaultInstances;
import io.lathe.server.instances.EnvironmentWarnings;
import io.lathe.server.instances.LiveInstances;
import io.lathe.server.platform.DatabaseMigrator;
import io.lathe.server.platform.LatheSettings;
import io.lathe.server.platform.Limits;
import io.lathe.server.platform.LogFloodGuard;
import io.lathe.server.platform.SecretBox;
import io.lathe.server.platform.StartupFailure;
import io.lathe.server.platform.TemporaryFiles;
import io.lathe.server.plugins.host.PluginHost;
import io.lathe.server.plugins.points.PluginCalls;
import io.lathe.server.tasks.TaskEngine;
import io.lathe.server.variables.ProjectVariables;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Brings the server up in order: schema, plugins, default instances, first admin, execution scheduler. Then prints
 * where the server is, where its data is, and what plugins it runs.
 */
@WebListener
public class ServerStartup implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(ServerStartup.class.getName());
    private static final String BUNDLED_PLUGINS = "/WEB-INF/bundled-plugins/";

    @Inject
    LatheSettings settings;
    @Inject
    DatabaseMigrator migrator;
    @Inject
    PluginHost plugins;
    @Inject
    DefaultInstances defaultInstances;
    @Inject
    LiveInstances liveInstances;
    @Inject
    EnvironmentWarnings environmentWarnings;
    @Inject
    InitialAdmin initialAdmin;
    @Inject
    ExecutionScheduler scheduler;
    @Inject
    TaskEngine taskEngine;
    @Inject
    TemporaryFiles temporaryFiles;
    @Inject
    Limits limits;
    @Inject
    PluginCalls pluginCalls;
    @Inject
    AccountSettings accountSettings;
    @Inject
    ProjectVariables variables;
    @Inject
    SecretBox secretBox;
    @Inject
    @ConfigProperty(name = "lathe.secure.cookies")
    Optional<String> secureCookies;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        try {
            start(event);
        } catch (RuntimeException | Error e) {
            // One sentence on the console (the stack trace goes to the server log); Payara Micro would keep running
            // with nothing deployed, looking healthy to a supervisor, so the launcher ends the process.
            String sentence = e instanceof StartupFailure ? e.getMessage() : e.getMessage() + "; the details are in "
                    + settings.home().resolve("logs/server.log") + ".";
            LOG.log(Level.SEVERE, "Lathe cannot start: " + sentence, e);
            if (!StartupReport.failed()) {
                throw e;
            }
        }
    }

    /**
     * {@code LATHE_SECURE_COOKIES} when given; otherwise whether {@code LATHE_BASE_URL} is {@code https}: users who
     * reach Lathe over HTTPS (usually through a proxy that ends TLS, so the server itself sees plain HTTP) get a
     * cookie that browsers never send in clear.
     */
    static boolean secureCookiesSetting(Optional<String> given, URI baseUrl) {
        if (given.isEmpty() || given.get().isBlank()) {
            return "https".equalsIgnoreCase(baseUrl.getScheme());
        }
        String text = given.get();
        return switch (text.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("LATHE_SECURE_COOKIES must be true or false, not '" + text
                    + "'");
        };
    }

    private void start(ServletContextEvent event) {
        long started = System.nanoTime();
        LogFloodGuard.install();
        // Read first: a wrong LATHE_BASE_URL, LATHE_MAX_..., LATHE_MAX_TOKEN_DAYS or LATHE_PLUGIN_TIME_LIMIT_SECONDS
        // stops the server before anything else.
        URI baseUrl = settings.baseUrl();
        String limitsInForce = limits.describe() + ", plugin calls " + pluginCalls.timeLimitSeconds() + " s"
                + ", API tokens " + accountSettings.maxTokenLifetime().toDays() + " days";
        // The console's session cookie: not readable by scripts (SameSite=Lax is set by the launcher on the HTTP
        // listener). The container marks it Secure on requests that came over HTTPS; behind a proxy that ends TLS,
        // requests arrive as plain HTTP, so an https LATHE_BASE_URL (or LATHE_SECURE_COOKIES=true) marks it always.
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setSecure(secureCookiesSetting(secureCookies, baseUrl));
        temporaryFiles.clear();
        migrator.migrate();
        secretBox.requireKeyForStoredSecrets();
        int resealed = variables.resealOlderSecrets();
        if (resealed > 0) {
            LOG.info("sealed " + resealed + " secret variables again, each bound to its project and name");
        }
        plugins.start(bundledPlugins(event.getServletContext()));
        defaultInstances.ensure();
        Optional<Path> tokenFile = initialAdmin.ensure();
        scheduler.start();
        taskEngine.start();

        StringBuilder banner = new StringBuilder("Lathe " + LatheSettings.VERSION + " is running at " + baseUrl
                + "\n");
        banner.append("  data folder: ").append(settings.home()).append('\n');
        banner.append("  database:    ").append(settings.databaseUrl()).append(" (schema version ")
                .append(migrator.currentVersion()).append(")\n");
        banner.append("  plugins:     ").append(String.join(", ", plugins.startedPluginIds())).append('\n');
        tokenFile.ifPresent(file -> banner.append("  first admin API token: ").append(file).append('\n')
                .append("  first admin password:  ").append(file.resolveSibling("initial-admin-password"))
                .append('\n'));
        banner.append("  limits:      ").append(limitsInForce).append('\n');
        for (String warning : environmentWarnings.all()) {
            banner.append("  WARNING:     ").append(warning).append('\n');
        }
        banner.append("  ready in ").append((System.nanoTime() - started) / 1_000_000).append(" ms");
        StartupReport.ready(banner.toString());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        taskEngine.stop();
        scheduler.stop();
        // Ends running jobs now, while the database is up, so each is recorded as stopped rather than lost.
        liveInstances.closeAll();
        deregisterDrivers();
    }

    /**
     * The JDBC drivers in the WAR (H2's, PostgreSQL's) register themselves with {@link DriverManager} when loaded;
     * left registered, they would keep the application's class loader alive, and Payara warns of that leak.
     */
    private void deregisterDrivers() {
        ClassLoader application = getClass().getClassLoader();
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == application) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    LOG.log(Level.FINE, "could not deregister " + driver, e);
                }
            }
        }
    }

    private static Map<String, Function<String, InputStream>> bundledPlugins(ServletContext context) {
        Set<String> paths = context.getResourcePaths(BUNDLED_PLUGINS);
        Map<String, Function<String, InputStream>> bundled = new TreeMap<>();
        if (paths != null) {
            for (String path : paths) {
                if (path.endsWith(".jar")) {
                    bundled.put(path.substring(BUNDLED_PLUGINS.length()),
                            name -> context.getResourceAsStream(BUNDLED_PLUGINS + name));
                }
            }
        }
        return bundled;
    }
}
