package io.lathe.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What can be checked before Payara starts, each answered by the one sentence a person needs (what is wrong, which
 * setting to change) rather than by the stack trace the server would end in: a data folder that cannot be written,
 * a plugin folder that cannot be read, a port in use, a PostgreSQL server that does not answer. Checks inside the
 * server (schema, master key) are made by its start-up ({@code ServerStartup}).
 */
final class StartupChecks {

    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private StartupChecks() {
    }

    /** Thrown with the sentence that says why the server cannot start and what to do. */
    static final class CannotStart extends Exception {
        CannotStart(String sentence, Throwable cause) {
            super(sentence, cause);
        }
    }

    static void dataFolderWritable(Path home) throws CannotStart {
        try {
            Files.createDirectories(home);
            Path probe = Files.createTempFile(home, ".write-check", "");
            Files.delete(probe);
        } catch (IOException e) {
            throw new CannotStart("the data folder " + home + " cannot be written to (" + reason(e)
                    + "); set LATHE_HOME to a folder this user can create and write to.", e);
        }
    }

    static void pluginFolderReadable(Path home) throws CannotStart {
        Path plugins = home.resolve("plugins");
        if (!Files.exists(plugins)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(plugins)) {
            files.iterator().hasNext();
        } catch (IOException e) {
            throw new CannotStart("the plugin folder " + plugins + " cannot be read (" + reason(e)
                    + "); make it a folder this user can read and write, or move it aside and Lathe makes a new one"
                    + " with the bundled plugins (it is LATHE_HOME/plugins).", e);
        }
    }

    static void portFree(int port) throws CannotStart {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new CannotStart("port " + port + " cannot be opened (" + reason(e) + "): another program, or"
                    + " another Lathe, listens there; stop it or set LATHE_PORT to a free port.", e);
        }
    }

    /** A PostgreSQL server named by the URL must answer on one of its addresses; H2 runs inside the server. */
    static void databaseReachable(String dbUrl) throws CannotStart {
        List<InetSocketAddress> addresses = postgresqlAddresses(dbUrl);
        IOException last = null;
        for (InetSocketAddress address : addresses) {
            try (Socket socket = new Socket()) {
                socket.connect(address, CONNECT_TIMEOUT_MILLIS);
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        if (last != null) {
            throw new CannotStart("the database server at " + addresses.get(addresses.size() - 1).getHostString()
                    + ":" + addresses.get(addresses.size() - 1).getPort() + " cannot be reached (" + reason(last)
                    + "); start it, or set LATHE_DB_URL (with LATHE_DB_USER and LATHE_DB_PASSWORD) to one that runs.",
                    last);
        }
    }

    /** The hosts of {@code jdbc:postgresql://host[:port][,host[:port]...]/database}; none for other URLs. */
    static List<InetSocketAddress> postgresqlAddresses(String dbUrl) {
        String prefix = "jdbc:postgresql://";
        List<InetSocketAddress> addresses = new ArrayList<>();
        if (!dbUrl.startsWith(prefix)) {
            return addresses;
        }
        String rest = dbUrl.substring(prefix.length());
        int end = rest.length();
        for (char stop : new char[] {'/', '?'}) {
            int at = rest.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        for (String host : rest.substring(0, end).split(",")) {
            parseHost(host.strip()).ifPresent(addresses::add);
        }
        return addresses;
    }

    private static Optional<InetSocketAddress> parseHost(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String host = text;
        int port = 5432;
        int colon = text.lastIndexOf(':');
        int bracket = text.lastIndexOf(']');
        if (colon > bracket) {
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            host = text.substring(0, colon);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (port < 1 || port > 65535) {
            return Optional.empty();
        }
        return Optional.of(new InetSocketAddress(host, port));
    }

    private static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way: " + e.getMessage();
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
