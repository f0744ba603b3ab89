package io.lathe.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.LogManager;

/**
 * Where the server's log lines go: all of them to {@code LATHE_HOME/logs/server.log} ({@link ServerLogFile}, rotated
 * by size), Lathe's own and everyone's warnings also to the console ({@link ConsoleLog}). Written as a JUL
 * configuration file that the launcher applies at once (so that Payara's first lines already follow it) and hands to
 * Payara Micro with {@code --logproperties}, which would otherwise reset logging to its own console configuration as
 * it boots.
 */
final class LogSetup {

    static final String LOG_FOLDER = "logs";
    static final String LOG_FILE = "server.log";
    static final long FILE_LIMIT_BYTES = 10L * 1024 * 1024;
    static final int FILES_KEPT = 5;

    private LogSetup() {
    }

    /** The logging configuration for these settings. */
    static Properties configuration(LaunchSettings settings) {
        Properties properties = new Properties();
        String file = ServerLogFile.class.getName();
        String console = ConsoleLog.class.getName();
        String format = settings.jsonLog() ? "json" : "text";
        properties.setProperty("handlers", file + ", " + console);
        properties.setProperty(".level", Level.INFO.getName());
        properties.setProperty(LatheLoggers.SERVER + ".level", settings.logLevel().level.getName());
        properties.setProperty(LatheLoggers.PLUGINS + ".level", settings.logLevel().level.getName());
        // Lines Payara's own configuration also keeps out of its log: start-up chatter of these components.
        for (String quiet : new String[] {"javax.enterprise.system.tools.deployment.dol",
                "javax.enterprise.system.tools.deployment.common", "fish.payara.nucleus.util",
                "org.glassfish.admin.mbeanserver", "com.hazelcast", "org.hibernate.validator.internal.util.Version"}) {
            properties.setProperty(quiet + ".level", Level.WARNING.getName());
        }
        properties.setProperty(file + ".file", settings.home().resolve(LOG_FOLDER).resolve(LOG_FILE).toString());
        properties.setProperty(file + ".limit", Long.toString(FILE_LIMIT_BYTES));
        properties.setProperty(file + ".count", Integer.toString(FILES_KEPT));
        properties.setProperty(file + ".format", format);
        properties.setProperty(console + ".format", format);
        properties.setProperty(console + ".stackTraces", Boolean.toString(settings.debug()));
        return properties;
    }

    /**
     * Applies the configuration, writes it to {@code runtime/logging.properties} for Payara, and sends what is
     * printed to {@code System.out} and {@code System.err} from now on into the log.
     *
     * @return the configuration file, for {@code --logproperties}
     */
    static Path install(LaunchSettings settings, Path runtime) throws IOException {
        Files.createDirectories(settings.home().resolve(LOG_FOLDER));
        Path file = runtime.resolve("logging.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            configuration(settings).store(out, "Written by the Lathe launcher at every start; see LogSetup");
        }
        PrintStream console = System.out;
        ConsoleLog.writeTo(console);
        try (InputStream in = Files.newInputStream(file)) {
            LogManager.getLogManager().readConfiguration(in);
        }
        System.setOut(PrintedLines.into("System.out", console));
        System.setErr(PrintedLines.into("System.err", System.err));
        return file;
    }
}
