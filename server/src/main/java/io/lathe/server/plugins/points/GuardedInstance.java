package io.lathe.server.plugins.points;

/** A live plugin instance behind its guard ({@link PluginCalls}). */
public interface GuardedInstance {

    /** The plugin's own object, to tell which plugin made it (its class loader); never to call. */
    Object unguarded();
}
