package io.lathe.server.console;

import io.lathe.server.auth.Access;
import io.lathe.server.auth.Access.Rule;
import io.lathe.server.instances.EnvironmentWarnings;
import io.lathe.server.platform.DatabaseMigrator;
import io.lathe.server.platform.FailureText;
import io.lathe.server.platform.LatheDataSource;
import io.lathe.server.platform.LatheSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * {@code /admin/system}, for admins: what this server is and runs on (version, database, data folder, uptime, Java,
 * memory), as facts to quote in a support request, and the compute environments' warnings (jobs running
 * unsandboxed). Credentials are never shown.
 */
@ApplicationScoped
public class SystemPage implements ConsolePage {

    /** {@code password=...} (or {@code secret}, {@code token}) inside a JDBC URL, up to the next separator. */
    private static final Pattern URL_SECRET = Pattern.compile(
            "(?i)((?:password|passwd|pwd|secret|token|sslpassword)=)[^;&]*");

    @Inject
    ConsoleTemplates templates;
    @Inject
    LatheSettings settings;
    @Inject
    DatabaseMigrator migrator;
    @Inject
    EnvironmentWarnings environmentWarnings;
    @Resource(lookup = LatheDataSource.JNDI_NAME)
    DataSource dataSource;

    /** One fact: its id (for the page's element), label and value. */
    public record Fact(String id, String label, String value) {
    }

    @Get("/admin/system")
    @Access(Rule.ADMIN)
    public void show(ConsoleRequest request) throws IOException {
        List<Fact> facts = new ArrayList<>();
        fact(facts, "lathe-version", "Lathe version", LatheSettings.VERSION);
        long started = ManagementFactory.getRuntimeMXBean().getStartTime();
        fact(facts, "uptime", "Up for", uptime(Duration.ofMillis(System.currentTimeMillis() - started))
                + " (since " + ConsoleFormat.time(started) + ")");
        fact(facts, "database", "Database", database());
        fact(facts, "database-url", "Database URL", withoutSecrets(settings.databaseUrl()));
        fact(facts, "schema-version", "Schema version", migrator.currentVersion());
        fact(facts, "data-folder", "Data folder", settings.home() + " (" + free(settings.home()) + ")");
        fact(facts, "plugin-folder", "Plugin folder", settings.pluginsDirectory().toString());
        fact(facts, "java", "Java", Runtime.version() + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
        Runtime runtime = Runtime.getRuntime();
        fact(facts, "memory", "Memory (heap)", ConsoleFormat.size(runtime.totalMemory() - runtime.freeMemory())
                + " used of " + ConsoleFormat.size(runtime.totalMemory()) + " reserved, at most "
                + ConsoleFormat.size(runtime.maxMemory()));
        fact(facts, "processors", "Processors", Integer.toString(runtime.availableProcessors()));
        templates.render(request.http(), request.response(), HttpServletResponse.SC_OK, "admin-system", "System",
                Map.of("facts", facts, "warnings", environmentWarnings.all()));
    }

    private static void fact(List<Fact> facts, String id, String label, String value) {
        facts.add(new Fact(id, label, value));
    }

    private String database() {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        } catch (SQLException e) {
            return "not reachable: " + FailureText.of(e);
        }
    }

    static String withoutSecrets(String jdbcUrl) {
        return jdbcUrl == null ? "" : URL_SECRET.matcher(jdbcUrl).replaceAll("$1***");
    }

    private static String free(Path folder) {
        try {
            return ConsoleFormat.size(Files.getFileStore(folder).getUsableSpace()) + " free";
        } catch (IOException e) {
            return "free space unknown";
        }
    }

    private static String uptime(Duration up) {
        if (up.toDays() > 0) {
            return up.toDays() + " d " + up.toHoursPart() + " h";
        }
        if (up.toHours() > 0) {
            return up.toHours() + " h " + up.toMinutesPart() + " min";
        }
        return up.toMinutes() + " min " + up.toSecondsPart() + " s";
    }
}
