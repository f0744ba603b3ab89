package io.lathe.plugins.compute.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bwrap command line an environment's settings make, on a made-up host with a merged /usr. */
class BubblewrapTest {

    @TempDir
    Path host;
    @TempDir
    Path jobs;

    private Workspace workspace;

    @BeforeEach
    void mergedUsrHost() throws Exception {
        Files.createDirectories(host.resolve("usr/bin"));
        Files.createDirectories(host.resolve("lib64"));
        Files.createSymbolicLink(host.resolve("bin"), Path.of("usr/bin"));
        Files.createSymbolicLink(host.resolve("lib"), Path.of("usr/lib"));
        workspace = new Workspace(jobs.resolve("job-1"));
    }

    @Test
    void aJobRunsAsNobodyInNewNamespacesAndDiesWithTheServer() {
        List<String> line = command(settings(true, List.of()), "0.8.0", false);

        assertEquals("/usr/bin/bwrap", line.get(0));
        assertInOrder(line, "--unshare-all", "--unshare-user", "--share-net", "--disable-userns",
                "--uid", "65534", "--gid", "65534", "--die-with-parent");
        assertInOrder(line, "--proc", "/proc", "--ro-bind", "/proc/sys", "/proc/sys");
        assertInOrder(line, "--dev", "/dev", "--tmpfs", "/tmp");
        assertInOrder(line, "--remount-ro", "/", "--chdir", "/valohai/repository", "--", "/bin/sh", "-c", "train");
        assertEquals(List.of("/bin/sh", "-c", "train"), line.subList(line.size() - 3, line.size()));
    }

    @Test
    void systemFoldersAreBoundReadOnlyOrLinkedAsOnTheHost() {
        List<String> line = command(settings(true, List.of()), "0.8.0", false);

        assertInOrder(line, "--ro-bind", "/usr", "/usr");
        assertInOrder(line, "--symlink", "usr/bin", "/bin");
        assertInOrder(line, "--symlink", "usr/lib", "/lib");
        assertInOrder(line, "--ro-bind", "/lib64", "/lib64");
        assertFalse(line.contains("/sbin"), "a folder the host lacks is left out");
        assertInOrder(line, "--ro-bind-try", "/etc/passwd", "/etc/passwd");
        assertInOrder(line, "--ro-bind-try", "/etc/ssl", "/etc/ssl");
        assertFalse(line.contains("/etc"), "never the whole of /etc");
    }

    @Test
    void theWorkspaceAppearsAtTheRuntimeContractsPathsOnlyOutputsWritable() {
        List<String> line = command(settings(true, List.of()), "0.8.0", true);

        assertInOrder(line, "--ro-bind", workspace.repository().toString(), "/valohai/repository");
        assertInOrder(line, "--ro-bind", workspace.inputs().toString(), "/valohai/inputs");
        assertInOrder(line, "--ro-bind", workspace.config().toString(), "/valohai/config");
        assertInOrder(line, "--bind", workspace.outputs().toString(), "/valohai/outputs");
        assertInOrder(line, "--ro-bind", workspace.scriptFile().toString(), "/run/lathe/command");
        assertEquals(1, Collections.frequency(line, "--bind"), "the outputs are the only writable folder");
        assertFalse(line.contains(workspace.root().toString()), "never the job's whole folder");
        assertFalse(line.contains(jobs.toString()), "never the folder of every job");
    }

    @Test
    void readOnlyPathsAppearAtTheirOwnPaths() {
        List<String> line = command(settings(true, List.of(Path.of("/opt/python3.11"), Path.of("/usr/local/cuda"))),
                "0.8.0", false);

        assertInOrder(line, "--ro-bind", "/opt/python3.11", "/opt/python3.11",
                "--ro-bind", "/usr/local/cuda", "/usr/local/cuda");
    }

    @Test
    void withoutNetworkTheJobGetsANetworkNamespaceOfItsOwn() {
        List<String> line = command(settings(false, List.of()), "0.8.0", false);

        assertTrue(line.contains("--unshare-all"));
        assertFalse(line.contains("--share-net"));
    }

    @Test
    void olderBubblewrapWithoutDisableUsernsIsStillUsed() {
        assertFalse(command(settings(true, List.of()), "0.6.1", false).contains("--disable-userns"));
        assertTrue(command(settings(true, List.of()), "0.10.0", false).contains("--disable-userns"));
    }

    private List<String> command(SandboxSettings settings, String version, boolean withScript) {
        return new Bubblewrap(settings, host, version).command(workspace, withScript, List.of("/bin/sh", "-c", "train"));
    }

    private static SandboxSettings settings(boolean network, List<Path> readOnlyPaths) {
        return new SandboxSettings(SandboxSettings.Mode.BUBBLEWRAP, Path.of("/usr/bin/bwrap"), readOnlyPaths, network);
    }

    /** Fails unless {@code expected} appears in {@code line} as one run of neighbouring arguments. */
    private static void assertInOrder(List<String> line, String... expected) {
        assertTrue(Collections.indexOfSubList(line, List.of(expected)) >= 0,
                () -> List.of(expected) + " not found together in " + line);
    }
}
