package io.lathe.server.valohai;

import java.util.Objects;

/**
 * One error or warning found in a {@code valohai.yaml}, with where it is.
 *
 * @param fileName the file's name as the caller gave it, e.g. {@code valohai.yaml}
 * @param line the 1-based line the problem is on, or 0 when no line applies
 * @param problem what is wrong and, where it helps, what to write instead
 */
public record ConfigProblem(String fileName, int line, String problem) {

    /** Checks that no part is null and that the line is not negative. */
    public ConfigProblem {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(problem, "problem");
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative: " + line);
        }
    }

    /** The problem as a person reads it: {@code valohai.yaml line 12: step 'train': ...}. */
    public String message() {
        return line > 0 ? fileName + " line " + line + ": " + problem : fileName + ": " + problem;
    }

    @Override
    public String toString() {
        return message();
    }
}
