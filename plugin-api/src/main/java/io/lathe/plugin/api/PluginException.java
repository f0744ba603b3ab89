package io.lathe.plugin.api;

import java.util.Objects;

/**
 * The one exception type that crosses the boundary from a plugin to the server. The server records the code and
 * message against the configured instance (and the execution affected) and keeps serving.
 *
 * <p>Throw {@link RetriablePluginException} when the same call may succeed later (a timeout, a throttled request);
 * the server decides whether and when to retry.
 */
public class PluginException extends RuntimeException {

    private final String code;

    /**
     * @param code a short stable kebab-case code a program can branch on, e.g. {@code bucket-not-found}
     * @param message what went wrong and what to do, for a person
     */
    public PluginException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** Same as {@link #PluginException(String, String)}, keeping the cause for the log. */
    public PluginException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The short stable code given at construction. */
    public String code() {
        return code;
    }
}
