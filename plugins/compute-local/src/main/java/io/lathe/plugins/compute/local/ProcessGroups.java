package io.lathe.plugins.compute.local;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Process groups, which Java has no calls for: a job is started under {@code setsid} so that it leads a group of its
 * own, and signals go to the whole group through the {@code kill} program.
 */
final class ProcessGroups {

    private static final Optional<Path> SETSID = findProgram("setsid");
    private static final Optional<Path> KILL = findProgram("kill");

    private ProcessGroups() {
    }

    /** Whether jobs can be given a process group of their own here. */
    static boolean supported() {
        return SETSID.isPresent() && KILL.isPresent();
    }

    /** What to put before a command so that it leads a new process group; empty where that is not supported. */
    static List<String> launchPrefix() {
        // -w: should setsid have to fork, it still waits and passes the exit code on.
        return supported() ? List.of(SETSID.get().toString(), "-w") : List.of();
    }

    /**
     * Sends {@code signal} ({@code TERM}, {@code KILL}, or {@code 0} to probe) to every process of group {@code id}.
     *
     * @return whether some process received it
     */
    static boolean signal(long id, String signal) {
        if (!supported()) {
            return false;
        }
        try {
            Process kill = new ProcessBuilder(KILL.get().toString(), "-s", signal, "--", "-" + id)
                    .redirectOutput(Redirect.DISCARD)
                    .redirectError(Redirect.DISCARD)
                    .start();
            return kill.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether group {@code id} still has a process that is not a zombie (see {@link ProcStat}). */
    static boolean hasLiveMembers(long id) {
        if (!ProcStat.available()) {
            return signal(id, "0");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(ProcStat.proc(), ProcessGroups::isProcessEntry)) {
            for (Path entry : entries) {
                if (ProcStat.of(entry).filter(stat -> stat.group() == id && !stat.dead()).isPresent()) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return signal(id, "0");
        }
    }

    private static boolean isProcessEntry(Path entry) {
        String name = entry.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    private static Optional<Path> findProgram(String name) {
        return Stream.of("/usr/bin", "/bin", "/usr/local/bin", "/usr/sbin", "/sbin")
                .map(folder -> Path.of(folder, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
