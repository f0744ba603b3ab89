package io.lathe.launcher;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The entry point of {@code lathe.jar}: turns the documented {@code LATHE_*} environment variables into the system
 * properties the server reads and the flags Payara Micro takes, then hands over to Payara Micro, which runs the
 * WAR baked into the same jar.
 */
public final class LatheLauncher {

    private static final String LOG_MANAGER = "java.util.logging.manager";
    private static final String PAYARA_MAIN = "fish.payara.micro.boot.PayaraMicroLauncher";
    private static final String CANNOT_START = "Lathe cannot start: ";
    /*
     * How the server tells the launcher how its start went (ServerStartup, package startup, sets them): system
     * properties are what the launcher's class loader and the application's share. With STARTUP_WATCHED set, a
     * failing start logs its sentence, sets STARTUP_FAILED and returns, and the launcher exits with status 1 once
     * Payara's main returns; a good one hands its banner over, which the launcher prints last, when the server is
     * ready.
     */
    private static final String STARTUP_WATCHED = "lathe.startup.watched";
    private static final String STARTUP_FAILED = "lathe.startup.failed";
    private static final String STARTUP_BANNER = "lathe.startup.banner";
    private static final String H2_OBJECT_CACHE = "h2.objectCache";

    /**
     * The session cookie's {@code SameSite} attribute is written by the HTTP listener: the Servlet API's
     * {@code SessionCookieConfig.setAttribute} is not carried into the header by this Payara.
     */
    private static final String PREBOOT_COMMANDS = """
            set configs.config.server-config.network-config.protocols.protocol.http-listener.http.cookie-same-site-enabled=true
            set configs.config.server-config.network-config.protocols.protocol.http-listener.http.cookie-same-site-value=Lax
            """;

    /**
     * Grizzly logs every malformed chunk of a form or query string at INFO, with its position: a form of 10,000
     * {@code &} sent without any token wrote 3.4 MB to the log. Such requests are still refused; only that line is
     * kept out. (Log levels are set once the server runs: before, the logging service would not take them.)
     */
    private static final String POSTBOOT_COMMANDS = """
            set-log-levels org.glassfish.grizzly.http.util.Parameters=WARNING
            """;

    private LatheLauncher() {
    }

    public static void main(String[] args) throws Exception {
        // Before anything logs: the log manager is chosen once, when logging is first used.
        if (System.getProperty(LOG_MANAGER) == null) {
            System.setProperty(LOG_MANAGER, LatheLogManager.class.getName());
        }
        LaunchSettings settings;
        try {
            settings = LaunchSettings.from(System.getenv(), System.getProperties());
            settings.systemProperties();
        } catch (IllegalArgumentException e) {
            printCannotStart(e.getMessage(), null, false, false);
            System.exit(1);
            return;
        }
        try {
            StartupChecks.dataFolderWritable(settings.home());
        } catch (StartupChecks.CannotStart e) {
            // Nothing can be logged to a file yet: the log is in that folder.
            printCannotStart(e.getMessage(), e.getCause(), settings.jsonLog(), settings.debug());
            System.exit(1);
            return;
        }
        // Payara remembers deployments in its runtime folder and would deploy the WAR twice on the next start
        // (once from there, once from this jar): every start gets a fresh one.
        Path runtime = settings.home().resolve("runtime");
        deleteRecursively(runtime);
        Files.createDirectories(runtime);
        Path logProperties = LogSetup.install(settings, runtime);
        try {
            StartupChecks.pluginFolderReadable(settings.home());
            StartupChecks.portFree(settings.port());
            StartupChecks.databaseReachable(settings.dbUrl());
        } catch (StartupChecks.CannotStart e) {
            exitCannotStart(e.getMessage(), e.getCause());
        }

        settings.systemProperties().forEach(System::setProperty);
        System.setProperty(STARTUP_WATCHED, "true");
        Path prebootCommands = Files.writeString(runtime.resolve("preboot-commands.asadmin"), PREBOOT_COMMANDS);
        try {
            TrustStore.useCurrentCertificates(runtime);
        } catch (IOException | GeneralSecurityException e) {
            log().log(Level.FINE, "the Java runtime's trust store could not be read; Payara's own is used", e);
        }
        // DriverManager finds the JDBC drivers on the class path once, with the class loader of the thread that
        // first asks. Asked here, that is the launcher's (which holds none); asked first during deployment, it was a
        // temporary loader of the application's, which Payara then found holding registered drivers and warned about.
        DriverManager.getDrivers();
        Path postbootCommands = Files.writeString(runtime.resolve("postboot-commands.asadmin"), POSTBOOT_COMMANDS);

        List<String> payaraArgs = new ArrayList<>(List.of(
                "--port", Integer.toString(settings.port()),
                "--rootdir", runtime.toString(),
                "--prebootcommandfile", prebootCommands.toString(),
                "--logproperties", logProperties.toString(),
                "--postbootcommandfile", postbootCommands.toString(),
                "--nohazelcast"));
        // Flags given on the command line come last, so they win over the environment.
        payaraArgs.addAll(Arrays.asList(args));

        returnIdleMemory();
        // H2 keeps the strings it is handed in a soft cache of its own, whatever their size: metadata chunks of
        // hundreds of KB stayed in the heap (about 60 MB after a few million points) until memory ran short.
        if (System.getProperty(H2_OBJECT_CACHE) == null) {
            System.setProperty(H2_OBJECT_CACHE, "false");
        }
        Method main = Class.forName(PAYARA_MAIN).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) payaraArgs.toArray(String[]::new));
        } catch (InvocationTargetException e) {
            exitCannotStart("Payara Micro failed to boot (" + e.getCause() + "); the details are in "
                    + serverLog(settings) + ".", e.getCause());
        }
        // Payara's main returns once the application is deployed, or has failed to deploy.
        if (System.getProperty(STARTUP_FAILED) != null) {
            // The server has said why, in its own words.
            System.exit(1);
        }
        String banner = System.getProperty(STARTUP_BANNER);
        if (banner == null) {
            exitCannotStart("the application did not deploy; the details are in " + serverLog(settings) + ".", null);
        }
        log().info(banner);
    }

    /** Not a constant: a logger made when this class loads would start logging before the log manager is chosen. */
    private static Logger log() {
        return Logger.getLogger(LatheLauncher.class.getName());
    }

    private static Path serverLog(LaunchSettings settings) {
        return settings.home().resolve(LogSetup.LOG_FOLDER).resolve(LogSetup.LOG_FILE);
    }

    private static void exitCannotStart(String sentence, Throwable cause) {
        log().log(Level.SEVERE, CANNOT_START + sentence, cause);
        System.exit(1);
    }

    /** For failures found before logging is set up. */
    private static void printCannotStart(String sentence, Throwable cause, boolean json, boolean stackTraces) {
        LogRecord record = new LogRecord(Level.SEVERE, CANNOT_START + sentence);
        record.setLoggerName(LatheLauncher.class.getName());
        record.setThrown(cause);
        System.out.print(new LogLineFormat(json, stackTraces).format(record));
        System.out.flush();
    }

    /**
     * Lets the heap shrink back when the server is idle: without a limit of its own the JVM may grow the heap to a
     * quarter of the machine's memory during a large job and keep it. These flags are manageable at run time, so
     * {@code java -jar lathe.jar} needs no JVM options; flags the JVM does not have (another collector) are skipped.
     */
    private static void returnIdleMemory() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        for (String[] flag : new String[][] {{"G1PeriodicGCInterval", "5000"}, {"MinHeapFreeRatio", "10"},
                {"MaxHeapFreeRatio", "30"}}) {
            try {
                vm.setVMOption(flag[0], flag[1]);
            } catch (IllegalArgumentException e) {
                // not a manageable flag of this JVM's collector
            }
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
