package io.lathe.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;

/**
 * {@code LATHE_HOME/logs/server.log}: every line of the server, Payara's and the libraries' included, with stack
 * traces. When a line would take the file past {@code limit} bytes, it is renamed {@code server.log.1} (the older ones
 * move up, {@code server.log.<count - 1>} is the oldest kept) and a new {@code server.log} is begun.
 *
 * <p>The JDK's {@code FileHandler} rotates too, but writes into {@code server.log.0} and leaves {@code .lck} files:
 * the file people look for would not be there. Made by {@link LogManager} from the configuration {@link LogSetup}
 * writes; its settings are the properties {@code <this class>.file}, {@code .limit}, {@code .count} and
 * {@code .format}. Opened in append mode, so a new instance (Payara re-reads the configuration once as it boots)
 * goes on where the last one stopped.
 */
public final class ServerLogFile extends Handler {

    private final Path file;
    private final long limit;
    private final int count;
    private OutputStream out;
    private long written;

    public ServerLogFile() throws IOException {
        this(Path.of(property("file")), Long.parseLong(property("limit")), Integer.parseInt(property("count")),
                "json".equals(property("format")));
    }

    ServerLogFile(Path file, long limit, int count, boolean json) throws IOException {
        this.file = file;
        this.limit = limit;
        this.count = count;
        setFormatter(new LogLineFormat(json, true));
        setLevel(Level.ALL);
        open();
    }

    private static String property(String name) {
        return LogManager.getLogManager().getProperty(ServerLogFile.class.getName() + "." + name);
    }

    private void open() throws IOException {
        Files.createDirectories(file.getParent());
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        written = Files.size(file);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        byte[] line;
        try {
            line = getFormatter().format(record).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            reportError(null, e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        // Reported outside the lock: the error manager prints to System.err, which is itself logged.
        IOException failure = write(line);
        if (failure != null) {
            reportError(null, failure, ErrorManager.WRITE_FAILURE);
        }
    }

    private synchronized IOException write(byte[] line) {
        try {
            if (out == null) {
                return null;
            }
            if (written > 0 && written + line.length > limit) {
                rotate();
            }
            out.write(line);
            out.flush();
            written += line.length;
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    private void rotate() throws IOException {
        out.close();
        for (int generation = count - 1; generation >= 1; generation--) {
            Path older = generation == 1 ? file : generationOf(generation - 1);
            if (Files.exists(older)) {
                Files.move(older, generationOf(generation), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (count <= 1) {
            Files.delete(file);
        }
        open();
    }

    private Path generationOf(int generation) {
        return file.resolveSibling(file.getFileName() + "." + generation);
    }

    @Override
    public synchronized void flush() {
        if (out != null) {
            try {
                out.flush();
            } catch (IOException e) {
                reportError(null, e, ErrorManager.FLUSH_FAILURE);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                reportError(null, e, ErrorManager.CLOSE_FAILURE);
            }
            out = null;
        }
    }
}
