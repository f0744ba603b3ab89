package io.lathe.server.plugins.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.PluginContext;
import io.lathe.plugin.api.config.ConfigProperty;
import io.lathe.plugin.api.config.Settings;
import io.lathe.plugin.api.notify.Event;
import io.lathe.plugin.api.notify.Notifier;
import io.lathe.plugin.api.notify.NotifierFactory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The list of points: what each built-in point is called, and the lookups everything generic goes through. */
class ExtensionPointsTest {

    private final ExtensionPoints points = new ExtensionPoints(List.of(ExtensionPoints.STORAGE,
            ExtensionPoints.COMPUTE, ExtensionPoints.NOTIFIER, ExtensionPoints.OPTIMIZER));

    @Test
    void theBuiltInPointsKeepTheNamesTheApiAndConsoleUse() {
        assertEquals(List.of("compute", "notifier", "optimizer", "storage"),
                points.all().stream().map(ExtensionPoint::id).toList());
        assertEquals("data store 'archive'", ExtensionPoints.STORAGE.named("archive"));
        assertEquals("environment 'gpu'", ExtensionPoints.COMPUTE.named("gpu"));
        assertEquals("notification channel 'ops'", ExtensionPoints.NOTIFIER.named("ops"));
        assertEquals("optimizer 'grid'", ExtensionPoints.OPTIMIZER.named("grid"));
        assertEquals(List.of("data-stores", "environments", "notification-channels"), points.all().stream()
                .flatMap(p -> p.configuredInstances().stream()).map(ExtensionPoint.InstanceNames::adminPath)
                .sorted().toList());
        assertFalse(ExtensionPoints.OPTIMIZER.hasConfiguredInstances(), "optimizers are a plain service");
        assertTrue(ExtensionPoints.COMPUTE.isClosedFirst(), "environments close before the stores jobs write to");
    }

    @Test
    void aPointIsFoundByIdByAdminPathAndByAFactoryOfIt() {
        assertSame(ExtensionPoints.NOTIFIER, points.byId("notifier").orElseThrow());
        assertSame(ExtensionPoints.STORAGE, points.withAdminPath("data-stores").orElseThrow());
        assertEquals(Optional.empty(), points.withAdminPath("plugins"));
        assertEquals(Optional.empty(), points.byId("storage ").map(ExtensionPoint::id));
        assertSame(ExtensionPoints.NOTIFIER, points.of(new TestNotifierFactory()).orElseThrow());
        assertEquals(Optional.empty(), points.of("not a factory"));
    }

    @Test
    void twoPointsMayNotShareAnIdAFactoryInterfaceOrAnAdminPath() {
        ExtensionPoint<NotifierFactory, Notifier> sameId = ExtensionPoint.withConfiguredInstances("storage",
                "Another", NotifierFactory.class, Notifier.class,
                new ExtensionPoint.InstanceNames("thing", "things", "things"), Guard.everyCall(Notifier.class));
        ExtensionPoint<NotifierFactory, Notifier> samePath = ExtensionPoint.withConfiguredInstances("other",
                "Another", NotifierFactory.class, Notifier.class,
                new ExtensionPoint.InstanceNames("store", "stores", "data-stores"), Guard.everyCall(Notifier.class));

        assertEquals("two extension points have the id 'storage'", assertThrows(IllegalStateException.class,
                () -> new ExtensionPoints(List.of(ExtensionPoints.STORAGE, sameId))).getMessage());
        assertEquals("two extension points have the factory interface '" + NotifierFactory.class.getName() + "'",
                assertThrows(IllegalStateException.class,
                        () -> new ExtensionPoints(List.of(ExtensionPoints.NOTIFIER, samePath))).getMessage());
        assertEquals("two extension points have the admin path 'data-stores'",
                assertThrows(IllegalStateException.class,
                        () -> new ExtensionPoints(List.of(ExtensionPoints.STORAGE, samePath))).getMessage());
    }

    @Test
    void idsAndAdminPathsAreLowerCaseWords() {
        assertThrows(IllegalArgumentException.class, () -> ExtensionPoint.asService("Optimizer", "O",
                io.lathe.plugin.api.optimizer.OptimizerFactory.class, io.lathe.plugin.api.optimizer.Optimizer.class,
                "optimizer", (optimizer, calls) -> optimizer));
        assertThrows(IllegalArgumentException.class, () -> new ExtensionPoint.InstanceNames("a", "b", "data stores"));
    }

    private static final class TestNotifierFactory implements NotifierFactory {
        @Override
        public String id() {
            return "test";
        }

        @Override
        public String displayName() {
            return "Test";
        }

        @Override
        public List<ConfigProperty> configProperties() {
            return List.of();
        }

        @Override
        public Notifier create(Settings settings, PluginContext context) {
            return new Notifier() {
                @Override
                public void deliver(Event event) {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
