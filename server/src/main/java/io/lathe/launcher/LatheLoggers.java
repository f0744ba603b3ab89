package io.lathe.launcher;

/**
 * Which loggers are Lathe's own: the server's classes ({@code io.lathe...}) and the plugins, which log through the
 * logger their context hands them ({@code lathe.<point>.<instance>}). Their lines are shown on the console at
 * {@code LATHE_LOG_LEVEL}; everyone else's only from WARNING up.
 */
final class LatheLoggers {

    static final String SERVER = "io.lathe";
    static final String PLUGINS = "lathe";

    private LatheLoggers() {
    }

    static boolean own(String loggerName) {
        return loggerName != null && (within(loggerName, SERVER) || within(loggerName, PLUGINS));
    }

    private static boolean within(String name, String root) {
        return name.equals(root) || name.startsWith(root + ".");
    }
}
