package io.lathe.plugin.api;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What the server hands to an extension instance when it creates it: everything a plugin may need from its host,
 * so that no plugin reaches for a static or a server class.
 *
 * <p>Threading: safe to use from any thread. Null policy: no method returns null.
 */
public interface PluginContext {

    /**
     * A logger named after the instance (a configured instance's name; for a plain-service point, the factory's
     * id); messages land in the server log.
     */
    System.Logger logger();

    /**
     * A folder private to this instance that outlives restarts; the plugin may create anything in it.
     */
    Path workDirectory();

    /** The clock to read time from, so tests can fix it. */
    Clock clock();

    /**
     * The URL users reach the server at, for links in messages: what the administrator set as {@code LATHE_BASE_URL}
     * (e.g. {@code https://lathe.example.com/}), by default {@code http://localhost:<port>/}. It ends in {@code /}.
     */
    URI baseUrl();
}
