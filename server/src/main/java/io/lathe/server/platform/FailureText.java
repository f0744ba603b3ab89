package io.lathe.server.platform;

import java.io.EOFException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/**
 * A failure in words a user can act on. Many JDK exceptions carry only a path or nothing as their message, so that
 * their class name was all a message said ({@code NoSuchFileException: /x}, {@code java.net.ConnectException}); the
 * class is for the log and for administrators' fault views, not for users.
 */
public final class FailureText {

    private static final int MAX_LENGTH = 500;

    private FailureText() {
    }

    public static String of(Throwable failure) {
        Throwable cause = unwrapped(failure);
        String message = cause.getMessage() == null || cause.getMessage().isBlank() ? null : cause.getMessage().strip();
        String text = words(cause, message);
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "\u2026";
    }

    private static String words(Throwable cause, String message) {
        if (cause instanceof FileSystemException e) {
            String what;
            if (e instanceof NoSuchFileException) {
                what = "no such file";
            } else if (e instanceof AccessDeniedException) {
                what = "permission denied";
            } else if (e instanceof FileAlreadyExistsException) {
                what = "it already exists";
            } else if (e instanceof DirectoryNotEmptyException) {
                what = "the folder is not empty";
            } else if (e instanceof NotDirectoryException) {
                what = "not a folder";
            } else {
                what = e.getReason() == null ? "the file system refused it" : e.getReason();
            }
            return what + file(e);
        }
        if (cause instanceof ConnectException) {
            return "the connection was refused";
        }
        if (cause instanceof NoRouteToHostException) {
            return "no route to the host";
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host" + (message == null ? "" : " '" + message + "'");
        }
        if (cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (cause instanceof SSLException) {
            return "the secure (TLS) connection failed";
        }
        if (cause instanceof EOFException) {
            return "the data ended too early";
        }
        if (cause instanceof OutOfMemoryError) {
            return "ran out of memory";
        }
        if (cause instanceof StackOverflowError) {
            return "went too deep (a stack overflow)";
        }
        if (cause instanceof LinkageError || cause instanceof ClassNotFoundException) {
            return "a class could not be loaded; the plugin may be built for another version of Lathe or be damaged";
        }
        return message != null ? message : "an unexpected error; the server log has the details";
    }

    /** The failure with its class, for the log and administrators. */
    public static String technical(Throwable failure) {
        Throwable cause = unwrapped(failure);
        return cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static Throwable unwrapped(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof UncheckedIOException || cause instanceof ExecutionException
                || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The file's name only: the folders above it are the server's business. */
    private static String file(FileSystemException e) {
        if (e.getFile() == null) {
            return "";
        }
        try {
            Path name = Path.of(e.getFile()).getFileName();
            return name == null ? "" : ": " + name;
        } catch (java.nio.file.InvalidPathException invalid) {
            return "";
        }
    }
}
