package io.lathe.server.executions;

import io.lathe.plugin.api.compute.ComputeEnvironment;
import io.lathe.plugin.api.compute.JobOutcome;
import io.lathe.plugin.api.compute.JobSpec;
import io.lathe.server.commits.CodeCommit;
import io.lathe.server.commits.CommitService;
import io.lathe.server.data.DatumRepository;
import io.lathe.server.data.DatumService;
import io.lathe.server.instances.LiveInstances;
import io.lathe.server.platform.FailureText;
import io.lathe.server.platform.LatheDataSource;
import io.lathe.server.platform.Limits;
import io.lathe.server.plugins.points.PluginCallFailure;
import io.lathe.server.projects.Project;
import io.lathe.server.projects.ProjectService;
import io.lathe.server.registry.RegistryOutputs;
import io.lathe.server.valohai.EnvironmentVariable;
import io.lathe.server.valohai.Step;
import io.lathe.server.variables.ProjectVariables;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** Hands a claimed execution to its compute environment, wired to the log, metadata and data it produces. */
@ApplicationScoped
public class ExecutionLauncher {

    @Inject
    ExecutionRepository executions;
    @Inject
    ProjectService projects;
    @Inject
    CommitService commits;
    @Inject
    LiveInstances instances;
    @Inject
    DatumService datumService;
    @Inject
    RegistryOutputs registryOutputs;
    @Inject
    DatumRepository datums;
    @Inject
    InputDownloader downloader;
    @Inject
    ExecutionLogs logs;
    @Inject
    Limits limits;
    @Inject
    ProjectVariables projectVariables;

    @Resource(lookup = LatheDataSource.JNDI_NAME)
    private DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    private ManagedThreadFactory threads;


    /**
     * Launches the execution; never throws: a failure to launch ends that execution with an error.
     *
     * @param environment its environment, recording faults against this execution
     * @param onFinished called once the execution has ended, on whatever thread ended it
     */
    void launch(String executionId, ComputeEnvironment environment, Consumer<Execution> onFinished) {
        Execution execution = executions.find(executionId).orElseThrow();
        Project project = projects.get(execution.projectId());
        ExecutionLog log = logs.open(executionId);
        MetadataWriter metadata = new MetadataWriter(dataSource, executionId, threads, limits.maxMetadataLineBytes());
        CodeCommit commit = commits.get(project.id(), execution.commitId());
        ExecutionJobFiles files = new ExecutionJobFiles(execution, project, commit, executions.inputs(executionId),
                instances, datums, executions, downloader, limits.maxUnpackedBytes());
        ProjectVariables.Resolved variables;
        RuntimeException unresolved = null;
        try {
            variables = projectVariables.resolve(project.id());
        } catch (RuntimeException e) {
            variables = new ProjectVariables.Resolved(Map.of(), List.of());
            unresolved = e;
        }
        ExecutionRun run = new ExecutionRun(execution, project.defaultStore(), log, metadata, files, datumService,
                new OutputProperties(datums, datumService, registryOutputs), executions, new SecretMask(variables.secretValues()),
                finished -> {
                    logs.close(finished.id());
                    onFinished.accept(finished);
                });
        try {
            if (unresolved != null) {
                throw unresolved;
            }
            Step step = CommitService.parse(commit.configYaml()).step(execution.stepName()).orElseThrow();
            List<String> commands = execution.command();
            JobSpec spec = new JobSpec(executionId, "exec-" + executionId, execution.image(), commands,
                    environment(execution, step, variables.values()), Optional.ofNullable(execution.timeLimitSeconds())
                            .map(Duration::ofSeconds), files, executions.createdByAdmin(execution));
            String handle = environment.launch(spec, run);
            executions.recordHandle(executionId, handle);
            if (executions.find(executionId).map(Execution::status).orElse(null) == ExecutionStatus.STOPPING) {
                environment.stop(handle);
            }
        } catch (PluginCallFailure e) {
            // Its message names the environment, the call and what went wrong.
            run.finished(new JobOutcome(JobOutcome.Status.ERROR, OptionalInt.empty(),
                    "could not launch: " + e.getMessage()));
        } catch (RuntimeException e) {
            run.finished(new JobOutcome(JobOutcome.Status.ERROR, OptionalInt.empty(),
                    "could not launch in environment '" + execution.environment() + "': " + FailureText.of(e)));
        }
    }

    /**
     * The variables user code sees besides the folder paths: the step's defaults, the project's variables over
     * them, then Valohai's ids, which nothing overrides.
     */
    private static Map<String, String> environment(Execution execution, Step step, Map<String, String> project) {
        Map<String, String> variables = new LinkedHashMap<>();
        // Python buffers stdout in 8 KiB blocks when it is a pipe; logs and metadata should arrive as printed.
        variables.put("PYTHONUNBUFFERED", "1");
        for (EnvironmentVariable variable : step.environmentVariables()) {
            variable.defaultValue().ifPresent(value -> variables.put(variable.name(), value));
        }
        variables.putAll(project);
        variables.put("VH_JOB_ID", "exec-" + execution.id());
        variables.put("VH_EXECUTION_ID", execution.id());
        variables.put("VH_PROJECT_ID", execution.projectId());
        return variables;
    }
}
