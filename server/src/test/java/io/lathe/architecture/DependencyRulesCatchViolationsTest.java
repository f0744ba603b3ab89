package io.lathe.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import io.lathe.architecture.fixtures.featurecycle.server.data.DatumLineage;
import io.lathe.architecture.fixtures.featureusesconsole.server.projects.ProjectService;
import io.lathe.architecture.fixtures.launcherusesserver.launcher.LatheLauncher;
import io.lathe.architecture.fixtures.platformusesfeature.server.platform.ServerStartup;
import io.lathe.architecture.fixtures.pluginusesplugin.plugins.storage.cached.CachedStorage;
import io.lathe.architecture.fixtures.pluginusesserver.plugins.storage.memory.MemoryStorage;
import io.lathe.architecture.fixtures.serviceusesjaxrs.server.executions.LogEventStream;
import io.lathe.architecture.fixtures.valohaiusesserver.server.valohai.ValohaiConfigParser;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every dependency rule fails on a deliberate violation: a fixture tree (package {@code fixtures}) breaks one rule,
 * and that rule reports it, naming the offending class, while every other rule finds nothing wrong there. The
 * fixtures also hold what a rule must let through (resources, providers, the console), so a rule that reported too
 * much would fail here as well.
 */
class DependencyRulesCatchViolationsTest {

    private static final String FIXTURES = DependencyRulesCatchViolationsTest.class.getPackageName() + ".fixtures";
    // Read from the folder the fixtures compile to: scanning the whole test class path for a package is slow.
    private static final JavaClasses ALL_FIXTURES = new ClassFileImporter()
            .importUrl(DependencyRulesCatchViolationsTest.class.getResource("fixtures"));

    /** A fixture tree, the one rule it breaks, and the class that breaks it. */
    record Fixture(String tree, String rule, Class<?> offender) {

        @Override
        public String toString() {
            return tree + " breaks '" + rule + "'";
        }
    }

    static Stream<Fixture> fixtures() {
        return Stream.of(
                new Fixture("featureusesconsole", "features do not use the console", ProjectService.class),
                new Fixture("serviceusesapi", "only the REST layer and the console use api",
                        io.lathe.architecture.fixtures.serviceusesapi.server.projects.ProjectService.class),
                new Fixture("serviceusesjaxrs", "the domain does not use JAX-RS", LogEventStream.class),
                new Fixture("valohaiusesserver", "the valohai.yaml reader stands alone", ValohaiConfigParser.class),
                new Fixture("platformusesfeature", "platform uses no feature", ServerStartup.class),
                new Fixture("featurecycle", "features are free of cycles", DatumLineage.class),
                new Fixture("launcherusesserver", "the launcher uses the JDK only", LatheLauncher.class),
                new Fixture("pluginusesserver", "plugins use only the plugin API of Lathe", MemoryStorage.class),
                new Fixture("pluginusesplugin", "plugins do not depend on each other", CachedStorage.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void eachFixtureBreaksItsRuleAndNoOther(Fixture fixture) {
        String root = FIXTURES + "." + fixture.tree();
        JavaClasses classes = ALL_FIXTURES.that(resideInAPackage(root + ".."));
        for (DependencyRules.NamedRule named : new DependencyRules(root).all()) {
            // A fixture tree lacks most of Lathe's packages, so some rules have nothing to look at there.
            EvaluationResult result = named.rule().allowEmptyShould(true).evaluate(classes);
            if (named.name().equals(fixture.rule())) {
                assertTrue(result.hasViolation(), named.name() + " missed " + fixture.offender().getName());
                List<String> details = result.getFailureReport().getDetails();
                assertTrue(details.stream().allMatch(d -> d.contains(fixture.offender().getName())),
                        named.name() + " reported more than " + fixture.offender().getName() + ": " + details);
            } else {
                assertFalse(result.hasViolation(), named.name() + " also failed on " + fixture.tree() + ": "
                        + result.getFailureReport().getDetails());
            }
        }
    }

    @Test
    void everyRuleHasAFixture() {
        List<String> rules = new DependencyRules("io.lathe").all().stream().map(DependencyRules.NamedRule::name)
                .toList();
        assertEquals(rules, fixtures().map(Fixture::rule).toList());
    }
}
