package io.lathe.plugins.compute.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The state and process group of a process as Linux's {@code /proc/<pid>/stat} tells them.
 *
 * <p>Needed because Java counts a zombie as alive, and where nobody reaps orphans (PID 1 of many containers does
 * not) a killed job's processes stay zombies forever, holding no pipe and using no CPU.
 *
 * @param state the one-letter state ({@code R}, {@code S}, {@code Z}, ...)
 * @param group the process group id
 */
record ProcStat(char state, long group) {

    private static final Path PROC = Path.of("/proc");

    /** Whether this machine has a Linux {@code /proc} to read. */
    static boolean available() {
        return Files.isReadable(PROC.resolve("self/stat"));
    }

    /** The folder to list for every process of the machine. */
    static Path proc() {
        return PROC;
    }

    /** Reads the stat of process {@code pid}; empty when it is gone or there is no {@code /proc}. */
    static Optional<ProcStat> of(long pid) {
        return of(PROC.resolve(Long.toString(pid)));
    }

    /** Reads the stat in {@code procEntry} (a {@code /proc/<pid>} folder); empty when the process is gone. */
    static Optional<ProcStat> of(Path procEntry) {
        String stat;
        try {
            // Latin-1: the command name in it may be any bytes.
            stat = new String(Files.readAllBytes(procEntry.resolve("stat")), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return Optional.empty();
        }
        // "pid (command) state ppid pgrp ...": the command may hold spaces and parentheses, so count from the last ')'.
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) {
            return Optional.empty();
        }
        String[] fields = stat.substring(close + 2).split(" ", 4);
        if (fields.length < 3 || fields[0].length() != 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcStat(fields[0].charAt(0), Long.parseLong(fields[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the process has ended but has not been reaped ({@code Z}) or is being torn down ({@code X}). */
    boolean dead() {
        return state == 'Z' || state == 'X';
    }

    /** Whether {@code handle} is a process that still runs: alive to Java, and not a zombie where that is known. */
    static boolean running(ProcessHandle handle) {
        return handle.isAlive() && of(handle.pid()).map(stat -> !stat.dead()).orElse(!available());
    }
}
