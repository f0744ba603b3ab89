package io.lathe.server.plugins.points;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.RetriablePluginException;
import java.util.Objects;

/**
 * A guarded plugin call that failed: the plugin threw, did not answer in time, or answered nonsense. The message names
 * the configured instance and the operation ("the environment 'gpu' did not answer launch within 30 s"), so it can be
 * shown as it is; the fault is already recorded against the plugin.
 */
public final class PluginCallFailure extends PluginException {

    /** How the call failed. */
    public enum Reason { TIME_OUT, ERROR, NONSENSE }

    private final transient PluginTarget target;
    private final String operation;
    private final Reason reason;

    PluginCallFailure(String code, String message, Throwable cause, PluginTarget target, String operation,
            Reason reason) {
        super(code, message, cause);
        this.target = Objects.requireNonNull(target, "target");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public PluginTarget target() {
        return target;
    }

    public String operation() {
        return operation;
    }

    public Reason reason() {
        return reason;
    }

    /** Whether the plugin said that the same call may succeed later ({@link RetriablePluginException}). */
    public boolean retriable() {
        return getCause() instanceof RetriablePluginException;
    }
}
