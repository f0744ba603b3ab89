package io.lathe.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.lathe.architecture.fixtures.apiexposeslibrary.plugin.api.PluginContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plugin API depends on the JDK and PF4J only (the Maven enforcer keeps other libraries off its class path; this
 * keeps them out of its classes, PF4J's own dependencies included), and the rule is shown to catch an API type that
 * exposes a library.
 */
class PluginApiDependenciesTest {

    /** The JDK's own packages (java.*, javax.* and the JDK-specific com.sun.*, jdk.*, sun.*). */
    private static final String[] JDK = {"java..", "javax..", "jdk..", "com.sun..", "sun.."};

    static ArchRule dependsOnTheJdkAndPf4jOnly(String api) {
        return classes().that().resideInAPackage(api + "..")
                .should().onlyDependOnClassesThat(resideInAnyPackage(api + "..", "org.pf4j..")
                        .or(resideInAnyPackage(JDK)))
                .because("a plugin compiles against the API and gets everything else from its own jar: a library in "
                        + "an API signature would tie every plugin to the server's copy and version of it");
    }

    @Test
    void thePluginApiDependsOnTheJdkAndPf4jOnly() {
        JavaClasses api = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.lathe.plugin.api");
        dependsOnTheJdkAndPf4jOnly("io.lathe.plugin.api").check(api);
    }

    @Test
    void theRuleCatchesAnApiTypeThatExposesALibrary() {
        String fixture = PluginContext.class.getPackageName();
        JavaClasses classes = new ClassFileImporter().importPackages(fixture);
        EvaluationResult result = dependsOnTheJdkAndPf4jOnly(fixture).evaluate(classes);
        assertTrue(result.hasViolation(), "the rule missed " + PluginContext.class.getName());
        List<String> details = result.getFailureReport().getDetails();
        assertTrue(details.stream().allMatch(d -> d.contains(PluginContext.class.getName() + ".logger()")),
                "the rule reported more than PluginContext.logger(): " + details);
    }
}
