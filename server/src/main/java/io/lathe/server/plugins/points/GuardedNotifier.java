package io.lathe.server.plugins.points;

import io.lathe.plugin.api.notify.Event;
import io.lathe.plugin.api.notify.Notifier;
import java.util.Objects;

/** A notification channel whose every call goes through {@link PluginCalls} with the plain time limit. */
public final class GuardedNotifier implements Notifier, GuardedInstance {

    private final Notifier delegate;
    private final PluginCalls calls;
    private final PluginTarget target;

    public GuardedNotifier(Notifier delegate, PluginCalls calls, PluginTarget target) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public Object unguarded() {
        return delegate;
    }

    @Override
    public void deliver(Event event) {
        calls.call(target, "deliver", null, () -> {
            delegate.deliver(event);
            return Boolean.TRUE;
        }, done -> null);
    }

    /** Closes the plugin's instance, without a time limit ({@link PluginCalls#close}). */
    @Override
    public void close() {
        calls.close(target, delegate);
    }
}
