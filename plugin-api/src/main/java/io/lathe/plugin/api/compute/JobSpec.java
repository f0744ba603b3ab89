package io.lathe.plugin.api.compute;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to run for one execution, as the server resolved it. The environment lays out, for the job, the folders of
 * the runtime contract (a working copy of the code, {@code inputs/<input-name>/<file>}, {@code outputs/},
 * {@code config/}), sets the path variables {@code VH_REPOSITORY_DIR}, {@code VH_INPUTS_DIR}, {@code VH_OUTPUTS_DIR}
 * and {@code VH_CONFIG_DIR} to where it put them, adds {@link #environment()}, and runs {@link #commands()} in the
 * working copy, in order, stopping at the first that fails.
 *
 * @param executionId the execution's id
 * @param jobId the job's name as user code sees it in {@code VH_JOB_ID} ({@code exec-<execution id>})
 * @param image the container image the step names; environments that run no containers ignore it
 * @param commands shell commands, already interpolated and quoted
 * @param environment variables to set besides the path variables (the other {@code VH_*} and the step's)
 * @param timeLimit when present, stop the job once it has run this long and report
 *     {@link JobOutcome.Status#STOPPED}
 * @param files the code, inputs and configuration files to lay out
 * @param launchedByAdmin whether the execution's creator is a server administrator at the time of the launch. An
 *     administrator can already run code on the server (by installing a plugin), so an environment that cannot
 *     isolate a job from the server may still run theirs, and refuse everyone else's
 */
public record JobSpec(
        String executionId,
        String jobId,
        String image,
        List<String> commands,
        Map<String, String> environment,
        Optional<Duration> timeLimit,
        JobFiles files,
        boolean launchedByAdmin) {

    /** Checks that no part is null and copies the collections. */
    public JobSpec {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(image, "image");
        commands = List.copyOf(commands);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(timeLimit, "timeLimit");
        Objects.requireNonNull(files, "files");
    }

    /** A spec for a job that no administrator launched (see {@link #launchedByAdmin()}). */
    public JobSpec(String executionId, String jobId, String image, List<String> commands,
            Map<String, String> environment, Optional<Duration> timeLimit, JobFiles files) {
        this(executionId, jobId, image, commands, environment, timeLimit, files, false);
    }
}
