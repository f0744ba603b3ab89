package io.lathe.server.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings the schema up to date with the migrations under {@code db/migration}, before anything touches it. */
@ApplicationScoped
public class DatabaseMigrator {

    @Resource(lookup = LatheDataSource.JNDI_NAME)
    DataSource dataSource;
    @Inject
    LatheSettings settings;

    /**
     * @throws StartupFailure when the database cannot be reached, or is at a schema version newer than this build's
     *         migrations (a newer Lathe upgraded it: running on would write rows that version does not expect)
     */
    public MigrateResult migrate() {
        try (Connection connection = dataSource.getConnection()) {
            connection.isValid(5);
        } catch (SQLException e) {
            throw new StartupFailure("the database at " + settings.databaseUrl() + " refused the connection ("
                    + rootMessage(e) + "); check that it runs and that LATHE_DB_URL, LATHE_DB_USER and"
                    + " LATHE_DB_PASSWORD are right.", e);
        }
        Flyway flyway = flyway();
        MigrationInfoService info = flyway.info();
        if (Arrays.stream(info.all()).anyMatch(m -> m.getState() == MigrationState.FUTURE_SUCCESS
                || m.getState() == MigrationState.FUTURE_FAILED)) {
            MigrationVersion known = Arrays.stream(info.all()).filter(m -> m.getState().isResolved())
                    .map(MigrationInfo::getVersion).max(MigrationVersion::compareTo).orElse(MigrationVersion.EMPTY);
            throw new StartupFailure("the database at " + settings.databaseUrl() + " is at schema version "
                    + info.current().getVersion() + ", newer than the " + known + " this Lathe " + LatheSettings.VERSION
                    + " knows: a newer Lathe upgraded it; run that version, or set LATHE_DB_URL to a database of"
                    + " this one.", null);
        }
        return flyway.migrate();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The schema version the database is at. */
    public String currentVersion() {
        var current = flyway().info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }

    private Flyway flyway() {
        return Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
    }
}
