package io.lathe.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static java.util.Objects.requireNonNull;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * The direction of dependencies between Lathe's packages, as rules over a code tree rooted at one package: {@code
 * io.lathe} itself, or a fixture tree under test that mimics its layout ({@code <root>.server.<feature>},
 * {@code <root>.launcher}, {@code <root>.plugins.<kind>.<name>}, {@code <root>.plugin.api}) to show that a rule
 * catches what it is meant to catch.
 */
final class DependencyRules {

    /** A rule and the name a test reports it by. */
    record NamedRule(String name, ArchRule rule) {
    }

    /** The JDK's own packages (java.*, javax.* and the JDK-specific com.sun.*, jdk.*, sun.*). */
    private static final String[] JDK = {"java..", "javax..", "jdk..", "com.sun..", "sun.."};

    /**
     * The REST layer: resources (a class with {@code @Path}, or one declaring resource methods for subclasses
     * that add the path), JAX-RS providers (filters, exception mappers, parameter converters: the runtime calls
     * them only while serving a request), and the classes nested in either (views, anonymous streaming outputs).
     */
    static final DescribedPredicate<JavaClass> REST_LAYER =
            new DescribedPredicate<>("are REST resources or JAX-RS providers") {
                @Override
                public boolean test(JavaClass type) {
                    JavaClass outermost = type;
                    while (outermost.getEnclosingClass().isPresent()) {
                        outermost = outermost.getEnclosingClass().get();
                    }
                    return outermost.isAnnotatedWith(Path.class) || outermost.isAnnotatedWith(Provider.class)
                            || outermost.getMethods().stream().anyMatch(m -> m.isMetaAnnotatedWith(HttpMethod.class));
                }
            };

    private final String root;
    private final String server;
    private final String launcher;
    private final String plugins;
    private final String pluginApi;

    DependencyRules(String root) {
        this.root = requireNonNull(root, "root");
        this.server = root + ".server";
        this.launcher = root + ".launcher";
        this.plugins = root + ".plugins";
        this.pluginApi = root + ".plugin.api";
    }

    /** Every rule: the ones Lathe keeps, each shown to catch a fixture that breaks it. */
    List<NamedRule> all() {
        return List.of(
                new NamedRule("features do not use the console", featuresDoNotUseTheConsole()),
                new NamedRule("only the REST layer and the console use api", onlyTheRestLayerAndTheConsoleUseApi()),
                new NamedRule("the domain does not use JAX-RS", theDomainDoesNotUseJaxRs()),
                new NamedRule("the valohai.yaml reader stands alone", theValohaiReaderStandsAlone()),
                new NamedRule("platform uses no feature", platformUsesNoFeature()),
                new NamedRule("features are free of cycles", featuresAreFreeOfCycles()),
                new NamedRule("the launcher uses the JDK only", theLauncherUsesTheJdkOnly()),
                new NamedRule("plugins use only the plugin API of Lathe", pluginsUseOnlyThePluginApi()),
                new NamedRule("plugins do not depend on each other", pluginsDoNotDependOnEachOther()));
    }

    ArchRule featuresDoNotUseTheConsole() {
        return noClasses().that().resideInAPackage(server + "..").and().resideOutsideOfPackage(server + ".console..")
                .should().dependOnClassesThat().resideInAPackage(server + ".console..")
                .because("the console is a front door on top of the features, like the REST API: a feature that "
                        + "knew its pages could not be served by any other front");
    }

    ArchRule onlyTheRestLayerAndTheConsoleUseApi() {
        return noClasses().that().resideInAPackage(server + "..")
                .and().resideOutsideOfPackages(server + ".api..", server + ".console..")
                .and(not(REST_LAYER))
                .should().dependOnClassesThat().resideInAPackage(server + ".api..")
                .because("api is the HTTP face of the server (the error shape, the mapping of domain exceptions to "
                        + "statuses); services and the plugin host speak in DomainException and let api translate");
    }

    ArchRule theDomainDoesNotUseJaxRs() {
        return noClasses().that().resideInAPackage(server + "..")
                .and().resideOutsideOfPackages(server + ".api..", server + ".console..")
                .and(not(REST_LAYER))
                .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..")
                .because("services, the scheduler and the plugin host are called by every front door (REST, the "
                        + "console, later /api/v0 and pipelines), so they must not be tied to one of them");
    }

    ArchRule theValohaiReaderStandsAlone() {
        return noClasses().that().resideInAPackage(server + ".valohai..")
                .should().dependOnClassesThat(resideInAPackage(server + "..")
                        .and(resideOutsideOfPackages(server + ".valohai..")))
                .because("reading valohai.yaml the way Valohai does is a library of its own, testable without a "
                        + "server and reusable by a CLI");
    }

    ArchRule platformUsesNoFeature() {
        return noClasses().that().resideInAPackage(server + ".platform..")
                .should().dependOnClassesThat(resideInAPackage(server + "..")
                        .and(resideOutsideOfPackages(server + ".platform..")))
                .because("platform is what every feature stands on (settings, database, ids, domain exceptions); "
                        + "one import of a feature from it would tie every feature to that one");
    }

    ArchRule featuresAreFreeOfCycles() {
        return slices().matching(server + ".(*)..").namingSlices("feature $1")
                .should().beFreeOfCycles()
                .because("features that need each other cannot be understood, tested or changed one at a time");
    }

    ArchRule theLauncherUsesTheJdkOnly() {
        return classes().that().resideInAPackage(launcher + "..")
                .should().onlyDependOnClassesThat(resideInAPackage(launcher + "..")
                        .or(resideInAnyPackage(JDK)))
                .because("the launcher runs before Payara Micro and is copied alone into lathe.jar: nothing but the "
                        + "JDK is on its class path");
    }

    ArchRule pluginsUseOnlyThePluginApi() {
        return noClasses().that().resideInAPackage(plugins + "..")
                .should().dependOnClassesThat(resideInAPackage(root + "..")
                        .and(resideOutsideOfPackages(pluginApi + "..", plugins + "..")))
                .because("plugin-api is the only contract between Lathe and a plugin (with PF4J, the JDK and the "
                        + "plugin's own libraries): server classes are not on a plugin's class path and change "
                        + "without notice");
    }

    ArchRule pluginsDoNotDependOnEachOther() {
        return slices().matching(plugins + ".(*).(*)..").namingSlices("plugin $1-$2")
                .should().notDependOnEachOther()
                .because("each plugin is loaded by a class loader of its own and installed, upgraded and removed "
                        + "on its own");
    }

    private static DescribedPredicate<JavaClass> resideInAnyPackage(String... packages) {
        return JavaClass.Predicates.resideInAnyPackage(packages);
    }
}
