package io.lathe.server.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lathe.server.platform.DomainException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-12-08T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final TestClock clock = new TestClock();
    private final SignInThrottle throttle = new SignInThrottle(clock);

    private long refusedFor(String username, String address) {
        DomainException refused = assertThrows(DomainException.class, () -> throttle.check(username, address));
        assertEquals(DomainException.Kind.TOO_MANY_REQUESTS, refused.kind());
        assertEquals("too-many-attempts", refused.code());
        return refused.retryAfterSeconds();
    }

    @Test
    void aUsernameGetsAFewFreeFailuresThenDelaysThatDouble() {
        for (int i = 0; i < SignInThrottle.FREE_FAILURES_PER_USERNAME; i++) {
            assertDoesNotThrow(() -> throttle.check("ada", "10.0.0.1"));
            throttle.failed("ada", "10.0.0." + i);
        }
        assertDoesNotThrow(() -> throttle.check("ada", "10.0.0.9"));
        throttle.failed("ada", "10.0.0.9");
        assertEquals(1, refusedFor("ada", "10.0.0.10"), "from any address");
        assertDoesNotThrow(() -> throttle.check("bob", "10.0.0.10"), "other usernames are not held up");

        clock.advance(Duration.ofSeconds(1));
        throttle.check("ada", "10.0.0.1");
        throttle.failed("ada", "10.0.0.1");
        assertEquals(2, refusedFor("ada", "10.0.0.1"));
        clock.advance(Duration.ofSeconds(2));
        throttle.failed("ada", "10.0.0.1");
        assertEquals(4, refusedFor("ada", "10.0.0.1"));
        for (int i = 0; i < 30; i++) {
            throttle.failed("ada", "10.0.0.1");
        }
        assertEquals(SignInThrottle.LONGEST_WAIT.toSeconds(), refusedFor("ada", "10.0.0.1"), "the wait is bounded");
    }

    @Test
    void anAddressGuessingManyUsernamesIsHeldUpToo() {
        for (int i = 0; i < SignInThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
            throttle.failed("user" + i, "203.0.113.7");
        }
        assertDoesNotThrow(() -> throttle.check("someone", "203.0.113.7"));
        throttle.failed("user-last", "203.0.113.7");
        assertEquals(1, refusedFor("someone", "203.0.113.7"));
        assertDoesNotThrow(() -> throttle.check("someone", "198.51.100.1"));
    }

    @Test
    void loopbackIsNotThrottledAsAnAddressForItMayBeAProxyForEveryone() {
        for (String loopback : new String[] {"127.0.0.1", "::1", "0:0:0:0:0:0:0:1"}) {
            for (int i = 0; i <= SignInThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
                throttle.failed("user" + i, loopback);
            }
            assertDoesNotThrow(() -> throttle.check("someone", loopback));
        }
        for (int i = 0; i <= SignInThrottle.FREE_FAILURES_PER_USERNAME; i++) {
            throttle.failed("ada", "127.0.0.1");
        }
        refusedFor("ada", "127.0.0.1");
    }

    @Test
    void successClearsTheUsernameButNotTheAddressAndFailuresAreForgottenAfterTheWindow() {
        for (int i = 0; i <= SignInThrottle.FREE_FAILURES_PER_USERNAME; i++) {
            throttle.failed("ada", "10.0.0.1");
        }
        refusedFor("ada", "10.0.0.2");
        throttle.succeeded("ada");
        assertDoesNotThrow(() -> throttle.check("ada", "10.0.0.2"));

        for (int i = 0; i <= SignInThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
            throttle.failed("user" + i, "203.0.113.7");
        }
        throttle.succeeded("user1");
        refusedFor("user1", "203.0.113.7");
        clock.advance(SignInThrottle.WINDOW);
        assertDoesNotThrow(() -> throttle.check("user1", "203.0.113.7"));
        throttle.failed("user1", "203.0.113.7");
        assertDoesNotThrow(() -> throttle.check("user1", "203.0.113.7"), "the count started again");
    }

    @Test
    void failuresForAUsernameAreAuditedOncePerWindowWithTheirCount() {
        assertEquals(1, throttle.failed("ada", "10.0.0.1"), "the first failure is recorded");
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(1));
            assertEquals(0, throttle.failed("ada", "10.0.0.1"), "repeats within the window are not");
        }
        clock.advance(SignInThrottle.WINDOW);
        assertEquals(5, throttle.failed("ada", "10.0.0.1"), "the next record counts the four unrecorded and itself");
        assertEquals(1, throttle.failed("bob", "10.0.0.1"), "each username has its own window");
    }

    @Test
    void aFloodOfMadeUpUsernamesDoesNotGrowTheTablesWithoutBound() throws Exception {
        for (int i = 0; i < SignInThrottle.MAX_ENTRIES * 2; i++) {
            throttle.failed("made-up-" + i, "addr-" + i);
        }
        java.lang.reflect.Field usernames = SignInThrottle.class.getDeclaredField("usernames");
        usernames.setAccessible(true);
        int size = ((java.util.Map<?, ?>) usernames.get(throttle)).size();
        org.junit.jupiter.api.Assertions.assertTrue(size <= SignInThrottle.MAX_ENTRIES, "size " + size);
    }
}
