package io.lathe.plugin.api;

import org.pf4j.ExtensionPoint;

/**
 * A factory for one kind of integration: the thing a plugin contributes to an extension point. A factory is one of
 * two kinds, after how the server uses the point's instances:
 *
 * <ul>
 *   <li>{@link ConfiguredInstanceFactory}: an administrator creates named <em>configured instances</em> from the
 *       factory, each with its own settings (data store "prod-s3" made by factory "s3");</li>
 *   <li>{@link ServiceFactory}: the point is a plain service; the server makes one instance per factory, without
 *       settings, and uses it for every caller (an optimizer).</li>
 * </ul>
 *
 * <p>Lifecycle: the server makes one instance of a factory per start of its plugin and uses that one while the plugin
 * runs; a restart or an upgrade of the plugin makes a new one. A factory is stateless. The server closes the
 * instances it made ({@link AutoCloseable#close()}) when they are no longer used: when a configured instance is
 * changed or removed, or the server stops.
 *
 * <p>Threading: every method may be called from any thread, concurrently. Null policy: no argument is null and no
 * method returns null.
 *
 * @param <T> the type of the instances this factory creates
 */
public interface ExtensionFactory<T extends AutoCloseable> extends ExtensionPoint {

    /** A stable kebab-case id, unique within the extension point (e.g. {@code local}, {@code s3}); persisted. */
    String id();

    /** The name an administrator reads in the console. */
    String displayName();

    /** One sentence on what this integration does. */
    default String description() {
        return "";
    }
}
