package io.lathe.plugins.compute.local;

import io.lathe.plugin.api.compute.JobSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environment variables of a job's processes. Only variables a program needs to run are taken from the server's
 * own environment, never the rest: it may hold the server's database password or cloud keys.
 */
final class JobVariables {

    private static final Set<String> PASSED_ON =
            Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TZ", "TMPDIR");
    /** What a sandboxed job keeps of them: the rest names places or a user that the sandbox does not have. */
    private static final Set<String> PASSED_INTO_SANDBOX = Set.of("LANG", "LANGUAGE", "TZ");
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
    /** Folders of the host whose programs a sandboxed job can run (they are bound into the sandbox). */
    private static final List<Path> SYSTEM_FOLDERS =
            List.of(Path.of("/usr"), Path.of("/bin"), Path.of("/sbin"));

    private JobVariables() {
    }

    /**
     * The server's passed-on variables, then {@code VH_JOB_ID}, then the spec's variables, then the folder
     * variables, later ones winning: the folders are where this environment put them, whatever the spec says.
     */
    static Map<String, String> of(Map<String, String> server, JobSpec spec, JobPaths paths) {
        Map<String, String> variables = new LinkedHashMap<>();
        server.forEach((name, value) -> {
            if (PASSED_ON.contains(name) || name.startsWith("LC_")) {
                variables.put(name, value);
            }
        });
        variables.putIfAbsent("PATH", DEFAULT_PATH);
        return finish(variables, spec, paths);
    }

    /**
     * The same for a job in a sandbox: the user {@code nobody} with {@code /tmp} as home, and a {@code PATH} of the
     * read-only paths' {@code bin} folders, then the server's {@code PATH} folders the sandbox has, then the
     * system's.
     */
    static Map<String, String> inSandbox(Map<String, String> server, JobSpec spec, List<Path> readOnlyPaths) {
        Map<String, String> variables = new LinkedHashMap<>();
        server.forEach((name, value) -> {
            if (PASSED_INTO_SANDBOX.contains(name) || name.startsWith("LC_")) {
                variables.put(name, value);
            }
        });
        variables.put("PATH", sandboxPath(server.getOrDefault("PATH", ""), readOnlyPaths));
        variables.put("HOME", "/tmp");
        variables.put("TMPDIR", "/tmp");
        variables.put("USER", "nobody");
        variables.put("LOGNAME", "nobody");
        variables.put("SHELL", "/bin/sh");
        return finish(variables, spec, JobPaths.IN_SANDBOX);
    }

    static String sandboxPath(String serverPath, List<Path> readOnlyPaths) {
        Set<String> folders = new LinkedHashSet<>();
        for (Path path : readOnlyPaths) {
            if (Files.isDirectory(path.resolve("bin"))) {
                folders.add(path.resolve("bin").toString());
            }
        }
        List<Path> visible = new ArrayList<>(SYSTEM_FOLDERS);
        visible.addAll(readOnlyPaths);
        for (String folder : serverPath.split(":")) {
            if (!folder.isBlank() && folder.startsWith("/")
                    && visible.stream().anyMatch(root -> Path.of(folder).normalize().startsWith(root))) {
                folders.add(folder);
            }
        }
        for (String folder : DEFAULT_PATH.split(":")) {
            folders.add(folder);
        }
        return String.join(":", folders);
    }

    private static Map<String, String> finish(Map<String, String> variables, JobSpec spec, JobPaths paths) {
        variables.put("VH_JOB_ID", spec.jobId());
        variables.putAll(spec.environment());
        variables.put("VH_REPOSITORY_DIR", paths.repository());
        variables.put("VH_INPUTS_DIR", paths.inputs());
        variables.put("VH_OUTPUTS_DIR", paths.outputs());
        variables.put("VH_CONFIG_DIR", paths.config());
        return variables;
    }
}
