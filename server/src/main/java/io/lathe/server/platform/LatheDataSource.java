package io.lathe.server.platform;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Declares the one data source, resolved from settings at deployment so that one WAR serves H2 and PostgreSQL.
 */
@DataSourceDefinition(
        name = LatheDataSource.JNDI_NAME,
        className = "${MPCONFIG=lathe.db.class}",
        url = "${MPCONFIG=lathe.db.url}",
        user = "${MPCONFIG=lathe.db.user}",
        password = "${MPCONFIG=lathe.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32,
        initialPoolSize = 2)
@ApplicationScoped
public class LatheDataSource {

    public static final String JNDI_NAME = "java:app/jdbc/lathe";
}
