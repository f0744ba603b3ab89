package io.lathe.server.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings the schema up to date with the migrations under {@code db/migration}, before anything touches it. */
@ApplicationScoped
public class DatabaseMigrator {

    @Resource(lookup = LatheDataSource.JNDI_NAME)
    private DataSource dataSource;

    public MigrateResult migrate() {
        return flyway().migrate();
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
