package io.lathe.server.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Plugin files that cannot run, put in a plugins folder before the server starts, as an admin might by mistake. */
final class BrokenPlugins {

    static final String NEEDS_MISSING = "needs-missing";
    static final String NEEDS_FUTURE_LATHE = "needs-future-lathe";
    static final String CORRUPT_FILE = "corrupt.jar";
    /** Removed through the API by the tests, one each. */
    static final String REMOVABLE_FILE = "corrupt-removable.jar";
    static final String MATRIX_FILE = "corrupt-matrix.jar";

    private BrokenPlugins() {
    }

    static void install(Path pluginsFolder) throws IOException {
        Files.createDirectories(pluginsFolder);
        Files.writeString(pluginsFolder.resolve(CORRUPT_FILE), "this is not a jar");
        Files.writeString(pluginsFolder.resolve(REMOVABLE_FILE), "this is not a jar either");
        Files.writeString(pluginsFolder.resolve(MATRIX_FILE), "nor is this");
        jar(pluginsFolder.resolve(NEEDS_MISSING + ".jar"), NEEDS_MISSING, "not-installed@>=1.0.0", ">=0.1.0");
        jar(pluginsFolder.resolve(NEEDS_FUTURE_LATHE + ".jar"), NEEDS_FUTURE_LATHE, "", ">=99.0.0");
    }

    private static void jar(Path file, String id, String dependencies, String requires) throws IOException {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Plugin-Id", id);
        attributes.putValue("Plugin-Version", "1.0.0");
        attributes.putValue("Plugin-Provider", "tests");
        attributes.putValue("Plugin-Dependencies", dependencies);
        attributes.putValue("Plugin-Requires", requires);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
    }
}
