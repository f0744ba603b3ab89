package io.lathe.server.auth;

import io.lathe.server.platform.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing, per username and per client address, without holding a request thread: after a few
 * free failures each further failure makes the next attempt wait twice as long (1 s, 2 s, 4 s... at most 15
 * minutes), and an attempt made while it must wait is answered at once with 429 and {@code Retry-After}, before any
 * password is hashed. Failures are forgotten 15 minutes after the last one; a success clears its username's count
 * (not its address's: one account of one's own must not reset the guessing of others). The count of failures for a
 * username is also what lets the audit trail record them once per window rather than once per try.
 *
 * <p>Loopback addresses are not throttled as addresses: behind a reverse proxy on the same machine every request
 * comes from one, and counting them together would let anyone lock everyone out (usernames are still throttled).
 * Kept in memory: a restart forgets it, and several servers behind one proxy count apart. The tables are bounded
 * ({@link #MAX_ENTRIES}), so a flood of made-up usernames cannot grow the heap.
 */
@ApplicationScoped
public class SignInThrottle {

    static final int FREE_FAILURES_PER_USERNAME = 5;
    static final int FREE_FAILURES_PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    static final int MAX_ENTRIES = 20_000;

    private final Map<String, Failures> usernames = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();
    private Clock clock = Clock.systemUTC();

    public SignInThrottle() {
    }

    /** A throttle on another clock, for tests. */
    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * Refuses an attempt that comes too soon after failures for this username or from this address.
     *
     * @throws DomainException 429 {@code too-many-attempts} with the seconds to wait
     */
    public void check(String username, String address) {
        long now = clock.millis();
        long waitMillis = waitMillis(usernames, key(username), now);
        if (!isLoopback(address)) {
            waitMillis = Math.max(waitMillis, waitMillis(addresses, key(address), now));
        }
        if (waitMillis > 0) {
            long seconds = (waitMillis + 999) / 1000;
            throw DomainException.retryLater(DomainException.Kind.TOO_MANY_REQUESTS, "too-many-attempts",
                    "too many failed sign-ins for this username or from this address: try again in " + seconds
                            + " s", seconds);
        }
    }

    /**
     * Counts a failed attempt.
     *
     * @return how many failures for this username the audit trail has not recorded yet, including this one, when this
     *     one should be recorded (the first of a window); 0 when it should not
     */
    public int failed(String username, String address) {
        long now = clock.millis();
        if (!isLoopback(address)) {
            count(addresses, key(address), FREE_FAILURES_PER_ADDRESS, now);
        }
        Failures failures = count(usernames, key(username), FREE_FAILURES_PER_USERNAME, now);
        synchronized (failures) {
            failures.unaudited++;
            if (failures.auditedAt != 0 && now - failures.auditedAt < WINDOW.toMillis()) {
                return 0;
            }
            failures.auditedAt = now;
            int unaudited = failures.unaudited;
            failures.unaudited = 0;
            return unaudited;
        }
    }

    /** Clears the username's failures after a successful sign-in. */
    public void succeeded(String username) {
        usernames.remove(key(username));
    }

    static boolean isLoopback(String address) {
        return address != null && (address.startsWith("127.") || address.equals("::1")
                || address.equals("0:0:0:0:0:0:0:1") || address.equals("[::1]")
                || address.equals("[0:0:0:0:0:0:0:1]"));
    }

    private static String key(String value) {
        // Bounded: a 1 MB username must not be kept as a key.
        String given = value == null ? "" : value;
        return given.length() > 200 ? given.substring(0, 200) : given;
    }

    private static long waitMillis(Map<String, Failures> table, String key, long now) {
        Failures failures = table.get(key);
        if (failures == null) {
            return 0;
        }
        synchronized (failures) {
            return Math.max(0, failures.blockedUntil - now);
        }
    }

    private Failures count(Map<String, Failures> table, String key, int free, long now) {
        if (table.size() >= MAX_ENTRIES && !table.containsKey(key)) {
            forgetOld(table, now);
        }
        Failures failures = table.computeIfAbsent(key, k -> new Failures());
        synchronized (failures) {
            if (failures.count > 0 && now - failures.lastAt >= WINDOW.toMillis() && now >= failures.blockedUntil) {
                failures.count = 0;
            }
            failures.count++;
            failures.lastAt = now;
            int beyond = failures.count - free;
            if (beyond > 0) {
                long wait = Math.min(LONGEST_WAIT.toMillis(), 1000L << Math.min(beyond - 1, 20));
                failures.blockedUntil = now + wait;
            }
            return failures;
        }
    }

    /** Drops the entries of a full table whose window has passed; when that is not enough, half of the rest (an attacker filling the table loses their own entries too). */
    private static void forgetOld(Map<String, Failures> table, long now) {
        table.values().removeIf(f -> {
            synchronized (f) {
                return now - f.lastAt >= WINDOW.toMillis() && now >= f.blockedUntil;
            }
        });
        if (table.size() >= MAX_ENTRIES) {
            Iterator<Map.Entry<String, Failures>> entries = table.entrySet().iterator();
            for (int i = 0; i < MAX_ENTRIES / 2 && entries.hasNext(); i++) {
                entries.next();
                entries.remove();
            }
        }
    }

    private static final class Failures {
        int count;
        long lastAt;
        long blockedUntil;
        long auditedAt;
        int unaudited;
    }
}
