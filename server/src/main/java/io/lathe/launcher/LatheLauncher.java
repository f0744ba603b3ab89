package io.lathe.launcher;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The entry point of {@code lathe.jar}: turns the documented {@code LATHE_*} environment variables into the system
 * properties the server reads and the flags Payara Micro takes, then hands over to Payara Micro, which runs the
 * WAR baked into the same jar.
 */
public final class LatheLauncher {

    private static final String PAYARA_MAIN = "fish.payara.micro.boot.PayaraMicroLauncher";
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
        LaunchSettings settings = LaunchSettings.from(System.getenv(), System.getProperties());
        Files.createDirectories(settings.home());
        settings.systemProperties().forEach(System::setProperty);
        // Payara remembers deployments in its runtime folder and would deploy the WAR twice on the next start
        // (once from there, once from this jar): every start gets a fresh one.
        Path runtime = settings.home().resolve("runtime");
        deleteRecursively(runtime);
        Files.createDirectories(runtime);
        Path prebootCommands = Files.writeString(runtime.resolve("preboot-commands.asadmin"), PREBOOT_COMMANDS);
        Path postbootCommands = Files.writeString(runtime.resolve("postboot-commands.asadmin"), POSTBOOT_COMMANDS);

        List<String> payaraArgs = new ArrayList<>(List.of(
                "--port", Integer.toString(settings.port()),
                "--rootdir", runtime.toString(),
                "--prebootcommandfile", prebootCommands.toString(),
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
        main.invoke(null, (Object) payaraArgs.toArray(String[]::new));
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
