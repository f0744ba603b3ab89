package io.lathe.server.it;

import static java.util.Objects.requireNonNull;

/** The version the build gave Lathe (Maven's project version, passed in by Failsafe), which the server must show. */
final class BuildVersion {

    private BuildVersion() {
    }

    static String expected() {
        return requireNonNull(System.getProperty("lathe.project.version"),
                "the system property lathe.project.version (set in server/pom.xml)");
    }
}
