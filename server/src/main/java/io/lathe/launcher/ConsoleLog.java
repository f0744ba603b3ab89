package io.lathe.launcher;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;

/**
 * The console: Lathe's own lines (at {@code LATHE_LOG_LEVEL}) and anyone's warnings and errors, written to the
 * process's standard output. Everything else goes to {@code LATHE_HOME/logs/server.log} only ({@link ServerLogFile}).
 * Made by {@link LogManager} from the logging configuration {@link LogSetup} writes, so its settings are properties
 * of that configuration: {@code <this class>.format} ({@code text} or {@code json}) and
 * {@code <this class>.stackTraces}.
 */
public final class ConsoleLog extends Handler {

    /** The real standard output, kept before {@link LogSetup} points {@code System.out} at the log. */
    private static volatile PrintStream console = System.out;

    public ConsoleLog() {
        LogManager manager = LogManager.getLogManager();
        String prefix = ConsoleLog.class.getName();
        setFormatter(new LogLineFormat("json".equals(manager.getProperty(prefix + ".format")),
                Boolean.parseBoolean(manager.getProperty(prefix + ".stackTraces"))));
        setLevel(Level.ALL);
    }

    static void writeTo(PrintStream stream) {
        console = stream;
    }

    static PrintStream stream() {
        return console;
    }

    /** Whether a record that its logger let through belongs on the console. */
    static boolean shown(LogRecord record) {
        return record.getLevel().intValue() >= Level.WARNING.intValue() || LatheLoggers.own(record.getLoggerName());
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record) || !shown(record)) {
            return;
        }
        String line = getFormatter().format(record);
        PrintStream out = console;
        synchronized (out) {
            out.print(line);
            out.flush();
        }
    }

    @Override
    public void flush() {
        console.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
