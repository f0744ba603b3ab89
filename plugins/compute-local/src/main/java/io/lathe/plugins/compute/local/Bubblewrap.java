package io.lathe.plugins.compute.local;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line of bubblewrap ({@code bwrap}) that runs one job in a sandbox: new user, PID, IPC, UTS and mount
 * namespaces (and network, unless allowed), the unprivileged uid/gid 65534 without capabilities, the system folders
 * and a few files of {@code /etc} read-only, the job's repository, inputs and config read-only at
 * {@code /valohai/...}, its outputs writable, a private {@code /tmp}, a {@code /proc} that shows the sandbox's own
 * processes only; nothing else of the host's disk. bubblewrap kills the sandbox when its parent (the server) dies.
 *
 * <p>Outside the sandbox the job's processes run as the server's own user (the user namespace maps uid 65534 onto
 * it), which lets the server read and delete what a job wrote. {@code /proc/sys} is therefore bound read-only: a
 * server running as root would otherwise let its jobs change the host's kernel settings.
 */
final class Bubblewrap {

    /** The uid and gid of a job inside the sandbox: {@code nobody} on Debian and most distributions. */
    static final int NOBODY = 65534;

    /** System folders, bound read-only where they are folders and recreated where they are links (merged /usr). */
    private static final List<String> SYSTEM_FOLDERS =
            List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");
    /**
     * What a program needs of {@code /etc}: users and groups, name resolution, TLS certificates, the dynamic
     * linker's cache, time zone, Debian's alternatives (many {@code /usr/bin} commands are links through them).
     */
    private static final List<String> ETC_ENTRIES = List.of("passwd", "group", "hosts", "host.conf", "nsswitch.conf",
            "resolv.conf", "gai.conf", "protocols", "services", "ssl", "ca-certificates", "ca-certificates.conf", "pki",
            "alternatives", "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "timezone", "os-release",
            "debian_version", "mime.types");
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");
    private static final long PROBE_SECONDS = 10;

    private final SandboxSettings settings;
    private final List<String> system;
    private final boolean disablesUserNamespaces;

    /**
     * @param settings the environment's sandbox settings
     * @param hostRoot where the host's {@code /} is, to find which system folders exist ({@code /} but in tests)
     * @param version bubblewrap's version ({@code 0.8.0}); from 0.8 on, jobs may not make user namespaces of their
     *     own either ({@code --disable-userns})
     */
    Bubblewrap(SandboxSettings settings, Path hostRoot, String version) {
        this.settings = requireNonNull(settings, "settings");
        this.system = systemMounts(requireNonNull(hostRoot, "hostRoot"));
        this.disablesUserNamespaces = atLeast(requireNonNull(version, "version"), 0, 8);
    }

    /**
     * The command that runs {@code command} in a sandbox holding {@code workspace}, as {@link JobPaths#IN_SANDBOX}
     * says.
     *
     * @param withScript whether the workspace's script file is to be seen too (a {@code #!} script)
     */
    List<String> command(Workspace workspace, boolean withScript, List<String> command) {
        List<String> line = sandbox();
        for (Path path : settings.readOnlyPaths()) {
            add(line, "--ro-bind", path.toString(), path.toString());
        }
        JobPaths seen = JobPaths.IN_SANDBOX;
        add(line, "--ro-bind", workspace.repository().toString(), seen.repository());
        add(line, "--ro-bind", workspace.inputs().toString(), seen.inputs());
        add(line, "--ro-bind", workspace.config().toString(), seen.config());
        add(line, "--bind", workspace.outputs().toString(), seen.outputs());
        if (withScript) {
            add(line, "--ro-bind", workspace.scriptFile().toString(), seen.scriptFile());
        }
        return finish(line, seen.repository(), command);
    }

    /**
     * Whether bubblewrap can make a sandbox here: runs {@code true} in one (tens of milliseconds).
     *
     * @return what is wrong, when it cannot; empty when it can
     */
    Optional<String> probe() {
        Path program = settings.bwrap();
        try {
            Process probe = new ProcessBuilder(finish(sandbox(), "/", List.of("/usr/bin/true")))
                    .redirectInput(Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(Redirect.DISCARD)
                    .start();
            if (!probe.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return Optional.of(program + " did not make a sandbox within " + PROBE_SECONDS + " s");
            }
            String error = new String(probe.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return probe.exitValue() == 0 ? Optional.empty() : Optional.of(program + " cannot make a sandbox here"
                    + (error.isEmpty() ? " (exit code " + probe.exitValue() + ")" : ": " + error));
        } catch (IOException e) {
            return Optional.of("cannot run " + program + ": " + Messages.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while trying " + program);
        }
    }

    /**
     * bubblewrap's version, as {@code bwrap --version} prints it ({@code bubblewrap 0.8.0}).
     *
     * @throws IOException when {@code program} is missing or cannot be run
     */
    static String version(Path program) throws IOException, InterruptedException {
        if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
            throw new IOException("there is no bubblewrap program at " + program);
        }
        Process process = new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return printed.replaceFirst("^bubblewrap\\s+", "");
    }

    /** Everything but the job's own folders: namespaces, identity, system folders, /proc, /dev, /tmp. */
    private List<String> sandbox() {
        List<String> line = new ArrayList<>();
        line.add(settings.bwrap().toString());
        line.add("--unshare-all");
        // --unshare-all only tries a user namespace; without one, --uid could not apply.
        line.add("--unshare-user");
        if (settings.network()) {
            line.add("--share-net");
        }
        if (disablesUserNamespaces) {
            line.add("--disable-userns");
        }
        add(line, "--uid", Integer.toString(NOBODY));
        add(line, "--gid", Integer.toString(NOBODY));
        line.add("--die-with-parent");
        line.addAll(system);
        add(line, "--proc", "/proc");
        add(line, "--ro-bind", "/proc/sys", "/proc/sys");
        add(line, "--ro-bind-try", "/proc/sysrq-trigger", "/proc/sysrq-trigger");
        add(line, "--dev", "/dev");
        add(line, "--tmpfs", "/tmp");
        return line;
    }

    /** The end of the line: the sandbox's own root made read-only, the working directory, the command. */
    private List<String> finish(List<String> line, String workingDirectory, List<String> command) {
        add(line, "--remount-ro", "/");
        add(line, "--chdir", workingDirectory);
        line.add("--");
        line.addAll(command);
        return line;
    }

    private static List<String> systemMounts(Path hostRoot) {
        List<String> mounts = new ArrayList<>();
        for (String folder : SYSTEM_FOLDERS) {
            Path host = hostRoot.resolve(folder.substring(1));
            if (Files.isSymbolicLink(host)) {
                try {
                    add(mounts, "--symlink", Files.readSymbolicLink(host).toString(), folder);
                } catch (IOException e) {
                    // A link that cannot be read is left out, as a missing folder is.
                }
            } else if (Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
                add(mounts, "--ro-bind", folder, folder);
            }
        }
        for (String entry : ETC_ENTRIES) {
            add(mounts, "--ro-bind-try", "/etc/" + entry, "/etc/" + entry);
        }
        return List.copyOf(mounts);
    }

    private static boolean atLeast(String version, int major, int minor) {
        Matcher matcher = VERSION.matcher(version);
        if (!matcher.find()) {
            return false;
        }
        int foundMajor = Integer.parseInt(matcher.group(1));
        int foundMinor = Integer.parseInt(matcher.group(2));
        return foundMajor > major || foundMajor == major && foundMinor >= minor;
    }

    private static void add(List<String> line, String... parts) {
        line.addAll(List.of(parts));
    }
}
