package io.lathe.server.startup;

import java.util.logging.Logger;

/**
 * Tells the launcher ({@code io.lathe.launcher.LatheLauncher}) how the start went. System properties are what the
 * launcher's class loader and the application's share; the names are spelled out on both sides, since the launcher
 * must not load the server's classes. With no launcher watching (the in-container tests run the WAR in a Payara of
 * their own), the banner is logged here and a failure fails the deployment.
 */
final class StartupReport {

    private static final Logger LOG = Logger.getLogger(ServerStartup.class.getName());
    private static final String WATCHED = "lathe.startup.watched";
    private static final String FAILED = "lathe.startup.failed";
    private static final String BANNER = "lathe.startup.banner";

    private StartupReport() {
    }

    /** The launcher prints the banner when Payara has finished deploying: the last line of a good start. */
    static void ready(String banner) {
        if (Boolean.getBoolean(WATCHED)) {
            System.setProperty(BANNER, banner);
        } else {
            LOG.info(banner);
        }
    }

    /**
     * Marks the start as failed (its sentence is logged already).
     *
     * @return whether the launcher will end the process; if not, the caller fails the deployment
     */
    static boolean failed() {
        if (Boolean.getBoolean(WATCHED)) {
            System.setProperty(FAILED, "true");
            return true;
        }
        return false;
    }
}
