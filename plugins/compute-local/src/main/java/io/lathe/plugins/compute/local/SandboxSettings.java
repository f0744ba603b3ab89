package io.lathe.plugins.compute.local;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * How an environment isolates its jobs, as its administrator set it.
 *
 * @param mode whether jobs run in a bubblewrap sandbox
 * @param bwrap where the bubblewrap program is
 * @param readOnlyPaths folders (or files) outside the system folders that jobs may read, each at its own path: an
 *     interpreter installed under {@code /opt} or a home folder, a CUDA installation
 * @param network whether jobs may reach the network
 */
record SandboxSettings(Mode mode, Path bwrap, List<Path> readOnlyPaths, boolean network) {

    /** The values of the {@code sandbox} setting. */
    enum Mode {
        /** Every job runs in a bubblewrap sandbox; where bubblewrap is missing, only admins' jobs run, unsandboxed. */
        BUBBLEWRAP("bubblewrap"),
        /** Every job runs with the server's own rights: for a machine whose every user is trusted. */
        NONE("none");

        private final String setting;

        Mode(String setting) {
            this.setting = setting;
        }

        String setting() {
            return setting;
        }

        static Mode of(String setting) {
            for (Mode mode : values()) {
                if (mode.setting.equals(setting)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("no sandbox mode '" + setting + "'");
        }
    }

    /** The default program: where Debian's and most distributions' package {@code bubblewrap} puts it. */
    static final Path DEFAULT_BWRAP = Path.of("/usr/bin/bwrap");

    SandboxSettings {
        requireNonNull(mode, "mode");
        requireNonNull(bwrap, "bwrap");
        readOnlyPaths = List.copyOf(readOnlyPaths);
    }

    /**
     * The paths of a {@code read-only-paths} setting: absolute paths separated by {@code :} (as in {@code PATH}),
     * blanks ignored.
     */
    static List<Path> parsePaths(String setting) {
        if (setting == null) {
            return List.of();
        }
        return java.util.Arrays.stream(setting.split(":"))
                .map(String::strip)
                .filter(part -> !part.isEmpty())
                .map(part -> Path.of(part).normalize())
                .distinct()
                .toList();
    }
}
