package io.lathe.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.server.platform.DomainException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PasswordChecksTest {

    @Test
    void checksBeyondTheCapAreRefusedWithRetryAfterInsteadOfQueueingWithoutEnd() throws Exception {
        PasswordChecks checks = new PasswordChecks(1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> busy = CompletableFuture.supplyAsync(() -> checks.run(() -> {
            started.countDown();
            try {
                return release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertTrue(started.await(10, TimeUnit.SECONDS));

        long before = System.nanoTime();
        DomainException refused = assertThrows(DomainException.class, () -> checks.run(() -> true));
        long waitedMillis = (System.nanoTime() - before) / 1_000_000;
        assertEquals(DomainException.Kind.UNAVAILABLE, refused.kind());
        assertEquals("busy", refused.code());
        assertEquals(1L, refused.retryAfterSeconds());
        assertTrue(waitedMillis < PasswordChecks.LONGEST_WAIT_MILLIS + 2000, "waited " + waitedMillis + " ms");

        release.countDown();
        assertTrue(busy.get(10, TimeUnit.SECONDS));
        assertTrue(checks.run(() -> true), "a turn freed is taken again");
    }
}
