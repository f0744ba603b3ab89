package io.lathe.server.incontainer;

import io.lathe.server.it.CodePackages;
import io.lathe.server.platform.OlderSealedValues;
import java.io.File;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;

/**
 * The base of the in-container tests: they run inside the server, in the WAR {@code lathe.jar} holds (ROOT.war, with
 * this package's classes added), on a Payara Micro that Arquillian starts with the settings the launcher would give
 * it. Services are injected with {@code @Inject} and called directly: CDI, JTA and JPA are the real ones. One
 * deployment serves every test class of the run ({@code suite.OneDeploymentPerRun}), so tests share one server and
 * one database: each makes its own users and projects ({@link Fixtures}) and never counts on an empty table.
 *
 * <p>The tag {@code in-container} gives them a Failsafe run of their own (see the server's pom).
 *
 * <p>{@code @BeforeEach} methods run in the server, {@code @BeforeAll} ones in the test JVM (Arquillian's JUnit 5
 * support): set up data in {@code @BeforeEach}.
 */
@ArquillianTest
@Tag("in-container")
public abstract class InContainerTest {

    @Deployment
    public static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("lathe.war")))
                .addPackage(InContainerTest.class.getPackage())
                .addClasses(CodePackages.class, CodePackages.Entry.class, OlderSealedValues.class);
    }
}
