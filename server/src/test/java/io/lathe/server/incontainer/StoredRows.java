package io.lathe.server.incontainer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The server's persistence context, for tests that look at rows as they are stored ({@code @Inject EntityManager}). */
@ApplicationScoped
public class StoredRows {

    @Produces
    @PersistenceContext(unitName = "lathe")
    EntityManager entityManager;
}
