package io.lathe.plugins.compute.local;

import static java.util.Objects.requireNonNull;

/**
 * Where a job finds the folders of its workspace: their real paths when it runs unsandboxed, the runtime contract's
 * {@code /valohai/...} inside a sandbox. The {@code VH_*_DIR} variables and {@code inputs.json} say these paths.
 */
record JobPaths(String repository, String inputs, String outputs, String config, String scriptFile) {

    /** The folders inside a sandbox, where Valohai's containers have them. */
    static final JobPaths IN_SANDBOX = new JobPaths("/valohai/repository", "/valohai/inputs", "/valohai/outputs",
            "/valohai/config", "/run/lathe/command");

    JobPaths {
        requireNonNull(repository, "repository");
        requireNonNull(inputs, "inputs");
        requireNonNull(outputs, "outputs");
        requireNonNull(config, "config");
        requireNonNull(scriptFile, "scriptFile");
    }

    /** The workspace's own folders, for a job that runs with the server's view of the disk. */
    static JobPaths of(Workspace workspace) {
        return new JobPaths(workspace.repository().toString(), workspace.inputs().toString(),
                workspace.outputs().toString(), workspace.config().toString(), workspace.scriptFile().toString());
    }
}
