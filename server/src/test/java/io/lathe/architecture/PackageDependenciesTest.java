package io.lathe.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Lathe's own classes keep the package graph of docs/architecture.md: the server's main classes, the launcher, and
 * the bundled plugins (on this module's test class path as {@code provided} dependencies). Test classes are left out,
 * among them the fixtures that {@link DependencyRulesCatchViolationsTest} breaks the rules with.
 */
@AnalyzeClasses(packages = "io.lathe", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDependenciesTest {

    private static final DependencyRules LATHE = new DependencyRules("io.lathe");

    @ArchTest
    static final ArchRule featuresDoNotUseTheConsole = LATHE.featuresDoNotUseTheConsole();

    @ArchTest
    static final ArchRule onlyTheRestLayerAndTheConsoleUseApi = LATHE.onlyTheRestLayerAndTheConsoleUseApi();

    @ArchTest
    static final ArchRule theDomainDoesNotUseJaxRs = LATHE.theDomainDoesNotUseJaxRs();

    @ArchTest
    static final ArchRule theValohaiReaderStandsAlone = LATHE.theValohaiReaderStandsAlone();

    @ArchTest
    static final ArchRule platformUsesNoFeature = LATHE.platformUsesNoFeature();

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = LATHE.featuresAreFreeOfCycles();

    @ArchTest
    static final ArchRule theLauncherUsesTheJdkOnly = LATHE.theLauncherUsesTheJdkOnly();

    @ArchTest
    static final ArchRule pluginsUseOnlyThePluginApi = LATHE.pluginsUseOnlyThePluginApi();

    @ArchTest
    static final ArchRule pluginsDoNotDependOnEachOther = LATHE.pluginsDoNotDependOnEachOther();
}
