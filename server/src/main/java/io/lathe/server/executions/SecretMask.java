package io.lathe.server.executions;

import java.util.Comparator;
import java.util.List;

/**
 * Replaces the values of a project's secret variables with {@code ***} in what an execution prints, before it is
 * stored as log or metadata. Values shorter than {@value #MIN_LENGTH} characters are not masked: they would turn
 * ordinary text to stars (documented with the variables).
 */
final class SecretMask {

    static final int MIN_LENGTH = 3;
    static final String STARS = "***";
    static final SecretMask NONE = new SecretMask(List.of());

    private final List<String> secrets;

    SecretMask(List<String> secretValues) {
        // Longest first, so a secret containing another is masked whole.
        this.secrets = secretValues.stream().filter(s -> s.length() >= MIN_LENGTH)
                .sorted(Comparator.comparingInt(String::length).reversed()).distinct().toList();
    }

    String apply(String line) {
        String masked = line;
        for (String secret : secrets) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, STARS);
            }
        }
        return masked;
    }
}
