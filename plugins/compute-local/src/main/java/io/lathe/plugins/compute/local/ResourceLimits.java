package io.lathe.plugins.compute.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Limits on each process of a job, set with {@code prlimit} (util-linux) just before the commands start, so that
 * they bind the job and nothing of the server or the sandbox around it.
 *
 * @param memoryBytes the largest virtual memory (address space, {@code RLIMIT_AS}) one process may have; 0 for no
 *     limit
 * @param cpuSeconds the CPU time one process may use ({@code RLIMIT_CPU}); it gets SIGXCPU, then SIGKILL; 0 for no
 *     limit
 */
record ResourceLimits(long memoryBytes, long cpuSeconds) {

    static final ResourceLimits NONE = new ResourceLimits(0, 0);

    private static final Optional<Path> PRLIMIT = Stream.of("/usr/bin/prlimit", "/bin/prlimit")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst();

    ResourceLimits {
        if (memoryBytes < 0 || cpuSeconds < 0) {
            throw new IllegalArgumentException("negative limit");
        }
    }

    boolean any() {
        return memoryBytes > 0 || cpuSeconds > 0;
    }

    /**
     * What to put before the commands: {@code prlimit --as=N --cpu=N}, which sets the limits and then runs them.
     * Empty without limits.
     *
     * @throws IllegalStateException when limits are set but {@code prlimit} is missing: a job must not run without
     *     the limits its administrator asked for
     */
    List<String> prefix() {
        if (!any()) {
            return List.of();
        }
        Path prlimit = PRLIMIT.orElseThrow(() -> new IllegalStateException("this environment sets memory or CPU "
                + "limits, but there is no prlimit program here: install the package util-linux"));
        List<String> prefix = new ArrayList<>();
        prefix.add(prlimit.toString());
        if (memoryBytes > 0) {
            prefix.add("--as=" + memoryBytes);
        }
        if (cpuSeconds > 0) {
            prefix.add("--cpu=" + cpuSeconds);
        }
        return prefix;
    }
}
