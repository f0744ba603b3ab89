package io.lathe.server.plugins.points;

import io.lathe.plugin.api.ConfiguredInstanceFactory;
import io.lathe.plugin.api.ExtensionFactory;
import io.lathe.plugin.api.ServiceFactory;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One extension point, described once: its id (as the API names it: {@code storage}), its display name, the factory
 * interface plugins implement and the type of the instances the factories make, what people call an instance
 * ({@code data store}), whether administrators configure named instances of it (and where the admin API and console
 * list them: {@code data-stores}) or it is used as a plain service with one instance per factory, and how calls to
 * its instances are guarded. Everything generic about points (plugin descriptions, the instance admin, the console's
 * instance forms, live instances, guarded calls) reads it from here: a new point is a new descriptor
 * ({@link ExtensionPoints}) plus its plugin-api interfaces.
 *
 * @param <F> the factory interface
 * @param <I> the instance type
 */
public final class ExtensionPoint<F extends ExtensionFactory<I>, I extends AutoCloseable> {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /**
     * How people and the admin API name the configured instances of a point.
     *
     * @param noun one instance as a sentence names it: {@code data store}
     * @param plural several, as a title names them (capitalised): {@code data stores}
     * @param adminPath the segment of the admin API and console paths that lists them: {@code data-stores}
     */
    public record InstanceNames(String noun, String plural, String adminPath) {

        public InstanceNames {
            Objects.requireNonNull(noun, "noun");
            Objects.requireNonNull(plural, "plural");
            if (!ID.matcher(adminPath).matches()) {
                throw new IllegalArgumentException("an admin path is lower-case letters, digits and '-': " + adminPath);
            }
        }
    }

    private final String id;
    private final String displayName;
    private final Class<F> factoryType;
    private final Class<I> instanceType;
    private final String noun;
    private final InstanceNames configured;
    private final Guard<I> guard;
    private final boolean closedFirst;

    private ExtensionPoint(String id, String displayName, Class<F> factoryType, Class<I> instanceType, String noun,
            InstanceNames configured, Guard<I> guard, boolean closedFirst) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a point's id is lower-case letters, digits and '-': " + id);
        }
        this.id = id;
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.factoryType = Objects.requireNonNull(factoryType, "factoryType");
        this.instanceType = Objects.requireNonNull(instanceType, "instanceType");
        this.noun = Objects.requireNonNull(noun, "noun");
        this.configured = configured;
        this.guard = Objects.requireNonNull(guard, "guard");
        this.closedFirst = closedFirst;
    }

    /** A point whose instances administrators configure, each named and with its own settings. */
    public static <F extends ConfiguredInstanceFactory<I>, I extends AutoCloseable> ExtensionPoint<F, I>
            withConfiguredInstances(String id, String displayName, Class<F> factoryType, Class<I> instanceType,
                    InstanceNames names, Guard<I> guard) {
        return new ExtensionPoint<>(id, displayName, factoryType, instanceType, names.noun(), names, guard, false);
    }

    /**
     * A point used as a plain service: one instance per factory, made without settings and named after the factory
     * ({@code the optimizer 'grid'}).
     *
     * @param noun what people call an instance: {@code optimizer}
     */
    public static <F extends ServiceFactory<I>, I extends AutoCloseable> ExtensionPoint<F, I> asService(String id,
            String displayName, Class<F> factoryType, Class<I> instanceType, String noun, Guard<I> guard) {
        return new ExtensionPoint<>(id, displayName, factoryType, instanceType, noun, null, guard, false);
    }

    /**
     * The same point, its live instances closed before every other point's when the server stops: they run work
     * that reports back through other points' instances (an environment's jobs end, stopped, and their outputs go
     * to a data store), which must still be open then.
     */
    public ExtensionPoint<F, I> closedFirst() {
        return new ExtensionPoint<>(id, displayName, factoryType, instanceType, noun, configured, guard, true);
    }

    /** As the API names the point: {@code storage}; also what faults and work folders are filed under. */
    public String id() {
        return id;
    }

    /** As a title names the point: {@code Storage}. */
    public String displayName() {
        return displayName;
    }

    public Class<F> factoryType() {
        return factoryType;
    }

    public Class<I> instanceType() {
        return instanceType;
    }

    /** What people call one instance: {@code data store}, {@code optimizer}. */
    public String noun() {
        return noun;
    }

    /** {@code data store 'archive'}: one instance as a message names it. */
    public String named(String instance) {
        return noun + " '" + instance + "'";
    }

    /** How its configured instances are named; empty for a plain-service point. */
    public Optional<InstanceNames> configuredInstances() {
        return Optional.ofNullable(configured);
    }

    public boolean hasConfiguredInstances() {
        return configured != null;
    }

    public boolean isClosedFirst() {
        return closedFirst;
    }

    /** Whether {@code factory} is one of this point's. */
    public boolean makes(Object factory) {
        return factoryType.isInstance(factory);
    }

    /** The plugin's {@code instance} behind this point's guard, its calls made through {@code calls}. */
    public I guard(I instance, GuardedCalls calls) {
        return Objects.requireNonNull(guard.guard(instance, calls), "guarded instance");
    }

    @Override
    public String toString() {
        return "extension point " + id;
    }
}
