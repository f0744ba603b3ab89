package io.lathe.plugin.api.notify;

/**
 * A notification channel. The server calls {@link #deliver} on a thread of its own, never on the path of an
 * execution, with a time limit the administrator sets (30 s by default): a call still running then is interrupted and
 * counts as a failure, so a slow or failing channel delays nothing else. Every failure is recorded against the
 * plugin.
 *
 * <p>Threading: {@link #deliver} may be called concurrently. Errors: {@link io.lathe.plugin.api.PluginException}
 * when the event was not delivered; {@link io.lathe.plugin.api.RetriablePluginException} when trying again later
 * may succeed (the server decides whether to). Lifecycle: created by {@link NotifierFactory#create}, closed when no
 * longer used.
 */
public interface Notifier extends AutoCloseable {

    /** Sends one event; returns once it was accepted by the receiving end. */
    void deliver(Event event);

    /** Releases what the instance holds. */
    @Override
    void close();
}
