package io.lathe.server.incontainer;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

/**
 * Transactions a test draws itself: around several service calls (which then join it), rolled back on purpose, or on
 * a server thread of their own so that two of them overlap.
 */
@ApplicationScoped
public class Transactions {

    @Inject
    UserTransaction transaction;
    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService threads;

    /** Runs {@code work} in one transaction and commits it; the transaction is rolled back if {@code work} throws. */
    public <T> T committed(Callable<T> work) throws Exception {
        transaction.begin();
        T result;
        try {
            result = work.call();
        } catch (Exception | Error e) {
            transaction.rollback();
            throw e;
        }
        transaction.commit();
        return result;
    }

    /** Runs {@code work} in one transaction and rolls it back, whatever {@code work} did. */
    public void rolledBack(Callable<?> work) throws Exception {
        transaction.begin();
        try {
            work.call();
        } finally {
            transaction.rollback();
        }
    }

    /** Runs {@code work} in a committed transaction on another server thread. */
    public <T> Future<T> committedElsewhere(Callable<T> work) {
        return threads.submit(() -> committed(work));
    }
}
