package io.lathe.server.plugins.points;

import io.lathe.plugin.api.compute.ComputeEnvironment;
import io.lathe.plugin.api.compute.ComputeEnvironmentFactory;
import io.lathe.plugin.api.notify.Notifier;
import io.lathe.plugin.api.notify.NotifierFactory;
import io.lathe.plugin.api.optimizer.Optimizer;
import io.lathe.plugin.api.optimizer.OptimizerFactory;
import io.lathe.plugin.api.storage.StorageBackend;
import io.lathe.plugin.api.storage.StorageBackendFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * Lathe's extension points: the four built in are declared here, one descriptor each, and the list of every point
 * is whatever descriptors the deployment produces ({@code @Produces ExtensionPoint<...>}), these and any declared
 * elsewhere, so a point declared outside this class is served by everything generic about points just the same.
 */
@ApplicationScoped
public class ExtensionPoints {

    /** The admin path of notification channels, a constant for the one resource only they have (a test send). */
    public static final String NOTIFICATION_CHANNELS = "notification-channels";

    /** Where the bytes of files live; its configured instances are data stores. */
    @Produces
    public static final ExtensionPoint<StorageBackendFactory, StorageBackend> STORAGE =
            ExtensionPoint.withConfiguredInstances("storage", "Storage", StorageBackendFactory.class,
                    StorageBackend.class, new ExtensionPoint.InstanceNames("data store", "data stores", "data-stores"),
                    GuardedStorageBackend::new);

    /** Where executions run; its configured instances are environments. */
    @Produces
    public static final ExtensionPoint<ComputeEnvironmentFactory, ComputeEnvironment> COMPUTE =
            ExtensionPoint.withConfiguredInstances("compute", "Compute", ComputeEnvironmentFactory.class,
                    ComputeEnvironment.class, new ExtensionPoint.InstanceNames("environment", "environments",
                            "environments"), GuardedComputeEnvironment::new).closedFirst();

    /** Where events are sent; its configured instances are notification channels. */
    @Produces
    public static final ExtensionPoint<NotifierFactory, Notifier> NOTIFIER =
            ExtensionPoint.withConfiguredInstances("notifier", "Notifier", NotifierFactory.class, Notifier.class,
                    new ExtensionPoint.InstanceNames("notification channel", "notification channels",
                            NOTIFICATION_CHANNELS), Guard.everyCall(Notifier.class));

    /** The search algorithms of hyperparameter tasks: a plain service, one optimizer per factory. */
    @Produces
    public static final ExtensionPoint<OptimizerFactory, Optimizer> OPTIMIZER =
            ExtensionPoint.asService("optimizer", "Optimizer", OptimizerFactory.class, Optimizer.class, "optimizer",
                    GuardedOptimizer::new);

    private List<ExtensionPoint<?, ?>> all;

    protected ExtensionPoints() {
        // for CDI proxies
    }

    @Inject
    ExtensionPoints(@Any Instance<ExtensionPoint<?, ?>> declared) {
        this(StreamSupport.stream(declared.spliterator(), false).toList());
    }

    /** @throws IllegalStateException when two points share an id, a factory interface or an admin path */
    ExtensionPoints(Collection<ExtensionPoint<?, ?>> declared) {
        List<ExtensionPoint<?, ?>> sorted = new ArrayList<>(declared);
        sorted.sort(Comparator.comparing(ExtensionPoint::id));
        requireDistinct(sorted, "id", point -> Optional.of(point.id()));
        requireDistinct(sorted, "factory interface", point -> Optional.of(point.factoryType().getName()));
        requireDistinct(sorted, "admin path", point -> point.configuredInstances()
                .map(ExtensionPoint.InstanceNames::adminPath));
        this.all = List.copyOf(sorted);
    }

    private static void requireDistinct(List<ExtensionPoint<?, ?>> points, String what,
            Function<ExtensionPoint<?, ?>, Optional<String>> key) {
        Set<String> seen = new HashSet<>();
        for (ExtensionPoint<?, ?> point : points) {
            key.apply(point).filter(k -> !seen.add(k)).ifPresent(k -> {
                throw new IllegalStateException("two extension points have the " + what + " '" + k + "'");
            });
        }
    }

    /** Every point, by id. */
    public List<ExtensionPoint<?, ?>> all() {
        return all;
    }

    public Optional<ExtensionPoint<?, ?>> byId(String id) {
        return all.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The point whose configured instances the admin API and console list at {@code path} ({@code data-stores}). */
    public Optional<ExtensionPoint<?, ?>> withAdminPath(String path) {
        return all.stream().filter(p -> p.configuredInstances().map(n -> n.adminPath().equals(path)).orElse(false))
                .findFirst();
    }

    /** The point {@code factory} belongs to. */
    public Optional<ExtensionPoint<?, ?>> of(Object factory) {
        return all.stream().filter(p -> p.makes(factory)).findFirst();
    }
}
