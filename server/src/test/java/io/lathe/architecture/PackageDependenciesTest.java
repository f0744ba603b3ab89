package io.lathe.architecture;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Lathe's own classes keep every rule of {@link DependencyRules}: the server's main classes, the launcher, and the
 * bundled plugins (on this module's test class path as {@code provided} dependencies). Test classes are left out,
 * among them the fixtures that {@link DependencyRulesCatchViolationsTest} breaks the rules with. A rule that finds no
 * class to check fails (ArchUnit's default), so a plugin missing from the class path cannot pass unseen.
 */
class PackageDependenciesTest {

    private static final JavaClasses LATHE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lathe");

    @TestFactory
    Stream<DynamicTest> lathesClassesKeepEveryRule() {
        return new DependencyRules("io.lathe").all().stream()
                .map(named -> dynamicTest(named.name(), () -> named.rule().check(LATHE)));
    }
}
