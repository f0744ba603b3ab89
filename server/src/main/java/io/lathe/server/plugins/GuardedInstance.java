package io.lathe.server.plugins;

/** A live plugin instance behind its guard ({@link PluginCalls}). */
interface GuardedInstance {

    /** The plugin's own object, to tell which plugin made it (its class loader); never to call. */
    Object unguarded();
}
