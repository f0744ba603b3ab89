package io.lathe.plugins.compute.local;

import io.lathe.plugin.api.compute.JobSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The environment variables of a job's processes. Only variables a program needs to run are taken from the server's
 * own environment, never the rest: it may hold the server's database password or cloud keys.
 */
final class JobVariables {

    private static final Set<String> PASSED_ON =
            Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TZ", "TMPDIR");
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private JobVariables() {
    }

    /**
     * The server's passed-on variables, then {@code VH_JOB_ID}, then the spec's variables, then the folder
     * variables, later ones winning: the folders are where this environment put them, whatever the spec says.
     */
    static Map<String, String> of(Map<String, String> server, JobSpec spec, Workspace workspace) {
        Map<String, String> variables = new LinkedHashMap<>();
        server.forEach((name, value) -> {
            if (PASSED_ON.contains(name) || name.startsWith("LC_")) {
                variables.put(name, value);
            }
        });
        variables.putIfAbsent("PATH", DEFAULT_PATH);
        variables.put("VH_JOB_ID", spec.jobId());
        variables.putAll(spec.environment());
        variables.put("VH_REPOSITORY_DIR", workspace.repository().toString());
        variables.put("VH_INPUTS_DIR", workspace.inputs().toString());
        variables.put("VH_OUTPUTS_DIR", workspace.outputs().toString());
        variables.put("VH_CONFIG_DIR", workspace.config().toString());
        return variables;
    }
}
