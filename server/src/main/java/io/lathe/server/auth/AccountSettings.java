package io.lathe.server.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The administrator's settings for credentials, read once through MicroProfile Config like the server's other
 * settings ({@code LATHE_MAX_TOKEN_DAYS} or {@code lathe.max.token.days}). Listed in {@code docs/admin-guide.md}.
 */
@ApplicationScoped
public class AccountSettings {

    public static final String MAX_TOKEN_DAYS = "LATHE_MAX_TOKEN_DAYS";
    public static final String MAX_PASSWORD_CHECKS = "LATHE_MAX_CONCURRENT_PASSWORD_CHECKS";
    public static final int DEFAULT_MAX_TOKEN_DAYS = 90;

    private int maxTokenDays;
    private int maxConcurrentPasswordChecks;

    protected AccountSettings() {
        // for CDI proxies
    }

    /**
     * Reads the settings as text: MicroProfile Config as Payara has it falls back to the default when a value is not
     * a number, which would hide a typo.
     *
     * @throws IllegalArgumentException when a setting is not a whole number in its range; the message names it
     */
    @Inject
    public AccountSettings(
            @ConfigProperty(name = "lathe.max.token.days", defaultValue = "" + DEFAULT_MAX_TOKEN_DAYS)
            String maxTokenDays,
            @ConfigProperty(name = "lathe.max.concurrent.password.checks", defaultValue = "0")
            String maxConcurrentPasswordChecks) {
        this.maxTokenDays = whole(MAX_TOKEN_DAYS, maxTokenDays, 1, 3650);
        int checks = whole(MAX_PASSWORD_CHECKS, maxConcurrentPasswordChecks, 0, 1000);
        // 0: as many as the machine has cores, so that sign-ins cannot take every core from the jobs.
        this.maxConcurrentPasswordChecks = checks == 0 ? Runtime.getRuntime().availableProcessors() : checks;
    }

    /** How long an API token may live ({@code LATHE_MAX_TOKEN_DAYS}, 1 to 3650 days, 90 by default). */
    public Duration maxTokenLifetime() {
        return Duration.ofDays(maxTokenDays);
    }

    /**
     * How many password hashes are computed at once ({@code LATHE_MAX_CONCURRENT_PASSWORD_CHECKS}; by default the
     * number of cores). Each takes a core for a fraction of a second; sign-ins beyond it are refused with 503.
     */
    public int maxConcurrentPasswordChecks() {
        return maxConcurrentPasswordChecks;
    }

    private static int whole(String variable, String text, int min, int max) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(variable + " must be a whole number from " + min + " to " + max
                + ", not '" + text + "'");
    }
}
