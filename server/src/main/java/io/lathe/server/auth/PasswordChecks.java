package io.lathe.server.auth;

import io.lathe.server.platform.DomainException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Bounds how many password hashes are computed at once ({@code LATHE_MAX_CONCURRENT_PASSWORD_CHECKS}): each takes a
 * core for a fraction of a second, so a flood of sign-ins would otherwise take every core from the server and its
 * jobs. A check waits for a turn at most {@link #LONGEST_WAIT_MILLIS}, then is refused with 503 and
 * {@code Retry-After}.
 */
@ApplicationScoped
public class PasswordChecks {

    static final long LONGEST_WAIT_MILLIS = 1000;

    @Inject
    AccountSettings settings;

    private Semaphore turns;

    public PasswordChecks() {
    }

    /** Checks limited to {@code concurrent} at once, for tests. */
    PasswordChecks(int concurrent) {
        this.turns = new Semaphore(concurrent, true);
    }

    @PostConstruct
    void init() {
        turns = new Semaphore(settings.maxConcurrentPasswordChecks(), true);
    }

    /**
     * Runs {@code check} (which hashes a password) when a turn is free.
     *
     * @throws DomainException 503 {@code busy} when no turn came free in time
     */
    public boolean run(BooleanSupplier check) {
        boolean acquired;
        try {
            acquired = turns.tryAcquire(LONGEST_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw DomainException.retryLater(DomainException.Kind.UNAVAILABLE, "busy",
                    "the server is checking too many passwords at once: try again in a second", 1);
        }
        try {
            return check.getAsBoolean();
        } finally {
            turns.release();
        }
    }
}
