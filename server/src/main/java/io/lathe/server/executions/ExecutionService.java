package io.lathe.server.executions;

import io.lathe.server.auth.AccessControl;
import io.lathe.server.auth.Caller;
import io.lathe.server.auth.ProjectRole;
import io.lathe.server.commits.CodeCommit;
import io.lathe.server.commits.CommitService;
import io.lathe.server.data.DatumRepository;
import io.lathe.server.instances.ConfiguredInstanceRepository;
import io.lathe.server.instances.DefaultInstances;
import io.lathe.server.plugins.points.ExtensionPoints;
import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.JsonCodec;
import io.lathe.server.projects.Project;
import io.lathe.server.projects.ProjectService;
import io.lathe.server.valohai.CommandBuilder;
import io.lathe.server.valohai.ParameterException;
import io.lathe.server.valohai.ParameterValues;
import io.lathe.server.valohai.Step;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates executions (checking everything a user can get wrong before anything is recorded), copies and stops them,
 * and finds them for the API and the console. Running them is the {@link ExecutionScheduler}'s job.
 */
@ApplicationScoped
public class ExecutionService {

    /** The size of the title column. */
    static final int MAX_TITLE_LENGTH = 500;

    @Inject
    ProjectService projects;
    @Inject
    CommitService commits;
    @Inject
    InputResolver inputResolver;
    @Inject
    ExecutionRepository executions;
    @Inject
    ExecutionScheduler scheduler;
    @Inject
    ConfiguredInstanceRepository instances;
    @Inject
    AccessControl access;
    @Inject
    DatumRepository datums;

    public Execution create(CreateExecution request, Caller caller) {
        if (request == null) {
            throw DomainException.invalid("missing-body", "send {project, commit, step, parameters, inputs} as JSON",
                    null);
        }
        require(request.project(), "project");
        require(request.commit(), "commit");
        require(request.step(), "step");
        if (request.title() != null && request.title().length() > MAX_TITLE_LENGTH) {
            throw DomainException.invalid("invalid-title", "a title is at most " + MAX_TITLE_LENGTH + " characters"
                    + " long", "title");
        }
        access.requireProject(caller, request.project(), ProjectRole.WRITE);
        Project project = projects.get(request.project());
        CodeCommit commit = commits.get(project.id(), request.commit());
        Step step = CommitService.step(commit, request.step());
        Map<String, Object> parameters;
        try {
            parameters = ParameterValues.resolve(step, request.parameters() == null ? Map.of() : request.parameters());
        } catch (ParameterException e) {
            throw DomainException.invalid("invalid-parameter", e.getMessage(), "parameters." + e.parameter());
        }
        List<ResolvedInput> inputs = inputResolver.resolve(project.id(), step, request.inputs());
        String environment = environment(request.environment(), step, project);
        List<String> command;
        try {
            command = CommandBuilder.buildResolved(step, parameters);
        } catch (IllegalArgumentException e) {
            // A pass-as pattern that cannot be formatted is only a warning when the file is read.
            throw DomainException.invalid("invalid-pass-as", e.getMessage() + "; fix it in valohai.yaml",
                    "step");
        }
        ExecutionDraft draft = new ExecutionDraft(project.id(), commit.id(), step.name(), JsonCodec.toObject(step.toMap()),
                JsonCodec.toObject(parameters), command, step.image(), environment,
                blankToNull(request.title()), step.timeLimit().map(Duration::toSeconds).orElse(null), null,
                caller.userId(), inputs);
        Execution execution = executions.insert(draft);
        scheduler.wake();
        return execution;
    }

    /**
     * Runs an execution again exactly: the same commit, step as resolved, parameters, command, environment and
     * input files (datums by id; URLs are fetched again and their checksum recorded anew).
     */
    public Execution copy(String id, Caller caller) {
        Execution original = get(id);
        List<ResolvedInput> inputs = executions.inputs(original.id()).stream()
                .map(input -> input.isDatum() ? input
                        : new ResolvedInput(input.inputName(), input.uri(), null, input.fileName(), null, null))
                .toList();
        ExecutionDraft draft = new ExecutionDraft(original.projectId(), original.commitId(), original.stepName(),
                original.step(), original.parameters(), original.command(), original.image(),
                original.environment(), original.title(), original.timeLimitSeconds(), original.id(),
                caller.userId(), inputs);
        Execution copy = executions.insert(draft);
        scheduler.wake();
        return copy;
    }

    /** Asks an execution to stop; waiting ones stop at once, running ones when their process tree has ended. */
    public Execution stop(String id) {
        Execution execution = get(id);
        if (execution.status().isTerminal()) {
            throw DomainException.conflict("already-ended", "execution #" + execution.counter() + " has already ended ("
                    + execution.status().apiName() + ")");
        }
        if (!executions.stopWaiting(id, System.currentTimeMillis())) {
            executions.markStopping(id);
            scheduler.stop(get(id));
        }
        return get(id);
    }

    public Execution get(String id) {
        return executions.find(id).orElseThrow(() -> DomainException.notFound("execution", id));
    }

    /** The execution with this id, if there is one. */
    public Optional<Execution> find(String id) {
        return executions.find(id);
    }

    /** The execution of the project with this counter. @throws DomainException 404 when there is none */
    public Execution get(String projectId, int counter) {
        return executions.findByCounter(projectId, counter)
                .orElseThrow(() -> DomainException.notFound("execution", "#" + counter));
    }

    /** Those of the project's executions with these counters that exist. */
    public List<Execution> withCounters(String projectId, Collection<Integer> counters) {
        return executions.findByCounters(projectId, counters);
    }

    /** An execution as the API shows one, with its inputs as used and the outputs it stored. */
    public ExecutionView view(Execution execution) {
        return ExecutionView.of(execution, executions.inputs(execution.id()), datums.producedBy(execution.id()));
    }

    private String environment(String requested, Step step, Project project) {
        if (requested != null && !requested.isBlank()) {
            if (!instances.exists(ExtensionPoints.COMPUTE, requested)) {
                throw DomainException.invalid("unknown-environment", "there is no environment '" + requested + "'",
                        "environment");
            }
            return requested;
        }
        // A yaml's environment names a machine type of some Valohai installation: use it only if it exists here.
        return step.environment().filter(name -> instances.exists(ExtensionPoints.COMPUTE, name))
                .orElse(project.defaultEnvironment() == null ? DefaultInstances.NAME
                        : project.defaultEnvironment());
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid("missing-field", field + " is required", field);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
