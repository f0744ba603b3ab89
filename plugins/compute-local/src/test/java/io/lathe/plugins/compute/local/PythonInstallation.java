package io.lathe.plugins.compute.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Where this machine's {@code python3} is installed, for sandboxes that must run it. */
final class PythonInstallation {

    private PythonInstallation() {
    }

    /** The installation folders of {@code python3} on the PATH that lie outside {@code /usr}; empty if none. */
    static List<Path> outsideUsr() throws Exception {
        Process process = new ProcessBuilder("python3", "-c",
                "import sys; print(sys.prefix); print(sys.base_prefix)").redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("python3 failed: " + printed);
        }
        return printed.lines().map(String::strip).filter(line -> !line.isEmpty()).map(Path::of)
                .filter(path -> !path.startsWith("/usr")).distinct().toList();
    }
}
