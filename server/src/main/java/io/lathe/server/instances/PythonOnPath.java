package io.lathe.server.instances;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Where the {@code python3} on the server's {@code PATH} is installed, asked of Python itself. */
final class PythonOnPath {

    private static final Logger LOG = Logger.getLogger(PythonOnPath.class.getName());
    private static final long PATIENCE_SECONDS = 10;

    private PythonOnPath() {
    }

    /**
     * The installation folders ({@code sys.prefix}, and {@code sys.base_prefix} for a virtual environment) outside
     * {@code /usr}; empty when Python is missing, fails, or lives under {@code /usr}. Only these folders, never the
     * home folder around them: pyenv's {@code ~/.pyenv/versions/3.11.7}, not {@code ~}.
     */
    static List<Path> installationOutsideUsr() {
        try {
            Process python = new ProcessBuilder("python3", "-c", "import sys; print(sys.prefix); print(sys.base_prefix)")
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            String printed = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!python.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS) || python.exitValue() != 0) {
                python.destroyForcibly();
                LOG.info("python3 on the PATH did not say where it is installed: " + printed.strip());
                return List.of();
            }
            return printed.lines().map(String::strip).filter(line -> line.startsWith("/")).map(Path::of)
                    .map(Path::normalize).filter(path -> !path.startsWith("/usr") && path.getNameCount() > 1)
                    .distinct().toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "could not ask python3 where it is installed", e);
            return List.of();
        }
    }
}
