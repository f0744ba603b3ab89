package io.lathe.server.tasks;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.optimizer.Domain;
import io.lathe.plugin.api.optimizer.SearchSpace;
import io.lathe.server.auth.AccessControl;
import io.lathe.server.auth.Caller;
import io.lathe.server.auth.ProjectRole;
import io.lathe.server.commits.CodeCommit;
import io.lathe.server.commits.CommitService;
import io.lathe.server.executions.Execution;
import io.lathe.server.executions.InputResolver;
import io.lathe.server.instances.LiveInstances;
import io.lathe.server.plugins.points.ExtensionPoints;
import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.Ids;
import io.lathe.server.platform.JsonCodec;
import io.lathe.server.projects.Project;
import io.lathe.server.projects.ProjectService;
import io.lathe.server.valohai.Step;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Creates, reads and stops tasks; {@link TaskEngine} runs them. */
@ApplicationScoped
public class TaskService {

    static final int MAX_PARALLELISM = 100;
    static final int MAX_EXECUTIONS = 10_000;
    static final int DEFAULT_SAMPLED_EXECUTIONS = 20;

    @Inject
    TaskRepository tasks;
    @Inject
    ProjectService projects;
    @Inject
    CommitService commits;
    @Inject
    AccessControl access;
    @Inject
    LiveInstances instances;
    @Inject
    TaskEngine engine;
    @Inject
    InputResolver inputResolver;

    /** The task types, by every name they are given, and the optimizer each asks (manual asks none). */
    static String optimizerOf(String type) {
        return switch (type) {
            case "grid" -> "grid";
            case "random" -> "random";
            case "bayesian" -> "tpe";
            default -> null;
        };
    }

    static String normalType(String given) {
        String type = given == null ? "grid" : given.toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (type) {
            case "grid", "grid_search" -> "grid";
            case "random", "random_search" -> "random";
            case "bayesian", "bayesian_tpe", "tpe" -> "bayesian";
            case "manual", "manual_search" -> "manual";
            default -> throw DomainException.invalid("invalid-type", "a task's type is grid, random, bayesian or"
                    + " manual, not '" + given + "'", "type");
        };
    }

    /**
     * Checks the request (project access, commit, step, search space, objective, limits) and records the task; the
     * engine starts its first trials at once.
     */
    public Task create(CreateTask given, Caller caller) {
        if (given == null) {
            throw DomainException.invalid("missing-body", "send {project, commit, step, type, parameters, ...} as"
                    + " JSON", null);
        }
        for (String[] field : new String[][] {{given.project(), "project"}, {given.commit(), "commit"}}) {
            if (field[0] == null || field[0].isBlank()) {
                throw DomainException.invalid("missing-field", "give the task's " + field[1], field[1]);
            }
        }
        access.requireProject(caller, given.project(), ProjectRole.WRITE);
        Project project = projects.get(given.project());
        CodeCommit commit = commits.get(project.id(), given.commit());
        CreateTask request = given.task() == null ? given
                : TaskBlueprints.fill(given, CommitService.parse(commit.configYaml()));
        if (request.step() == null || request.step().isBlank()) {
            throw DomainException.invalid("missing-field", "give the task's step, or a task blueprint's name as"
                    + " 'task'", "step");
        }
        CreateTask checked = request;
        Step step = CommitService.step(commit, request.step());
        String type = normalType(request.type());
        long seed = request.seed() == null ? new java.security.SecureRandom().nextInt(Integer.MAX_VALUE)
                : request.seed();
        Task.Objective objective = objective(request.objective(), type);
        int maxExecutions;
        String optimizer = null;
        Map<String, Object> search = new LinkedHashMap<>();
        if (type.equals("manual")) {
            List<Map<String, Object>> sets = manualSets(request.parameterSets(), step);
            search.put("parameter_sets", sets);
            maxExecutions = limit(request.maxExecutions(), sets.size());
        } else {
            SearchSpace space = SearchSpaces.read(step, request.parameters(), type.equals("grid"), seed);
            search.put("parameters", request.parameters());
            long gridSize = type.equals("grid") ? gridSize(space) : -1;
            maxExecutions = limit(request.maxExecutions(), gridSize > 0 ? (int) gridSize
                    : DEFAULT_SAMPLED_EXECUTIONS);
            optimizer = request.optimizer() == null ? optimizerOf(type) : request.optimizer();
            try {
                instances.get(ExtensionPoints.OPTIMIZER, optimizer);
            } catch (PluginException e) {
                throw DomainException.invalid("no-optimizer", "no started plugin provides the optimizer '" + optimizer
                        + "'; see GET /api/v1/plugins", request.optimizer() == null ? "type" : "optimizer");
            }
        }
        int parallelism = request.parallelism() == null ? Math.min(4, maxExecutions) : request.parallelism();
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw DomainException.invalid("invalid-parallelism", "parallelism must be between 1 and "
                    + MAX_PARALLELISM, "parallelism");
        }
        JsonObject earlyStopping = earlyStopping(request.earlyStopping(), objective);
        if (request.title() != null && request.title().length() > 500) {
            throw DomainException.invalid("invalid-title", "a title is at most 500 characters", "title");
        }
        // Checked now, as an execution's are, so that a task cannot name another project's data; each trial resolves
        // them again when it starts (a dataset's "latest" may have moved on).
        inputResolver.resolve(project.id(), step, request.inputs());
        Map<String, Object> inputs = request.inputs() == null ? null : new LinkedHashMap<>(request.inputs());
        String chosenOptimizer = optimizer;
        Task task = tasks.insert(counter -> new Task(Ids.newId(), project.id(), counter, commit.id(), step.name(),
                type, chosenOptimizer, JsonCodec.toObject(search), inputs, checked.title(), objective, maxExecutions,
                parallelism, earlyStopping, seed, caller.userId(), System.currentTimeMillis()), project.id());
        engine.wake();
        return task;
    }

    public Task get(String id) {
        return (Ids.isId(id) ? tasks.find(id) : java.util.Optional.<Task>empty())
                .orElseThrow(() -> DomainException.notFound("task", id));
    }

    /** The project's task with this counter. @throws DomainException 404 when there is none */
    public Task get(String projectId, int counter) {
        return tasks.findByCounter(projectId, counter).orElseThrow(() -> DomainException.notFound("task",
                "#" + counter));
    }

    /** Stops the task: no more trials, and its running executions are stopped. */
    public Task stop(String id) {
        Task task = get(id);
        if (!task.status().isTerminal()) {
            engine.requestStop(task.id());
        }
        return get(id);
    }

    public List<Task> list(String projectId, int limit) {
        projects.get(projectId);
        return tasks.page(projectId, limit);
    }

    /** The task with its trials, their executions' states and objectives, and the best trial: three queries. */
    public TaskView view(Task task) {
        List<TaskTrial> trials = tasks.trials(task.id());
        List<String> ids = trials.stream().map(TaskTrial::executionId).filter(java.util.Objects::nonNull).toList();
        Map<String, Execution> executions = tasks.executions(ids);
        Map<String, Double> objectives = tasks.objectives(ids, task.objective());
        List<TaskView.TrialView> rows = new ArrayList<>();
        TaskView.Best best = null;
        boolean maximize = task.objective() != null && task.objective().maximize();
        for (TaskTrial trial : trials) {
            Execution execution = executions.get(trial.executionId());
            Double objective = objectives.get(trial.executionId());
            JsonObject parameters = trial.parameters();
            rows.add(new TaskView.TrialView(trial.trial(), trial.executionId(),
                    execution == null ? 0 : execution.counter(), execution == null ? "" : execution.status().apiName(),
                    parameters, objective, trial.stoppedReason()));
            if (objective != null && execution != null && (best == null
                    || (maximize ? objective > best.objective() : objective < best.objective()))) {
                best = new TaskView.Best(execution.id(), execution.counter(), parameters, objective);
            }
        }
        Task.Objective objective = task.objective();
        return new TaskView(task.id(), task.counter(), task.projectId(), task.status().apiName(),
                task.statusDetail(), task.type(), task.optimizer(), task.commitId(), task.stepName(), task.title(),
                objective == null ? null : new CreateTask.Objective(objective.metric(), objective.direction(),
                        objective.mode()),
                task.maxExecutions(), task.parallelism(), task.earlyStopping() == null
                        ? JsonObject.EMPTY_JSON_OBJECT : task.earlyStopping(), task.seed(),
                Instant.ofEpochMilli(task.createdAt()), task.endedAt() == null ? null
                        : Instant.ofEpochMilli(task.endedAt()), rows, best);
    }

    private static Task.Objective objective(CreateTask.Objective given, String type) {
        if (given == null || given.metric() == null || given.metric().isBlank()) {
            if (type.equals("bayesian")) {
                throw DomainException.invalid("missing-field", "a bayesian task needs an objective: {\"metric\":"
                        + " \"loss\", \"direction\": \"minimize\"}", "objective.metric");
            }
            return null;
        }
        String direction = given.direction() == null ? "minimize" : given.direction().toLowerCase(Locale.ROOT);
        if (!direction.equals("minimize") && !direction.equals("maximize")) {
            throw DomainException.invalid("invalid-objective", "the direction is minimize or maximize",
                    "objective.direction");
        }
        String mode = given.mode() == null ? "last" : given.mode().toLowerCase(Locale.ROOT);
        if (!mode.equals("last") && !mode.equals("best")) {
            throw DomainException.invalid("invalid-objective", "the mode is last (the last value printed) or best",
                    "objective.mode");
        }
        if (given.metric().length() > 200) {
            throw DomainException.invalid("invalid-objective", "a metric name is at most 200 characters",
                    "objective.metric");
        }
        return new Task.Objective(given.metric(), direction, mode);
    }

    private static JsonObject earlyStopping(CreateTask.EarlyStopping given, Task.Objective objective) {
        if (given == null) {
            return null;
        }
        if (objective == null) {
            throw DomainException.invalid("missing-field", "early stopping compares objectives: give an objective",
                    "objective.metric");
        }
        String rule = given.rule() == null ? "median" : given.rule();
        if (!rule.equals("median")) {
            throw DomainException.invalid("invalid-early-stopping", "the early stopping rule is 'median'",
                    "early_stopping.rule");
        }
        int minSteps = given.minSteps() == null ? 3 : given.minSteps();
        int minTrials = given.minTrials() == null ? 3 : given.minTrials();
        if (minSteps < 1 || minTrials < 1) {
            throw DomainException.invalid("invalid-early-stopping", "min_steps and min_trials are 1 or more",
                    "early_stopping");
        }
        return Json.createObjectBuilder().add("rule", rule).add("min_steps", minSteps).add("min_trials", minTrials)
                .build();
    }

    private static List<Map<String, Object>> manualSets(List<Map<String, Object>> sets, Step step) {
        if (sets == null || sets.isEmpty()) {
            throw DomainException.invalid("missing-field", "a manual task needs parameter_sets: a list of"
                    + " {parameter: value}", "parameter_sets");
        }
        if (sets.size() > MAX_EXECUTIONS) {
            throw DomainException.invalid("too-many", "at most " + MAX_EXECUTIONS + " parameter sets",
                    "parameter_sets");
        }
        for (int i = 0; i < sets.size(); i++) {
            Map<String, Object> set = sets.get(i);
            if (set == null) {
                throw DomainException.invalid("invalid-search", "parameter set " + i + " is empty",
                        "parameter_sets." + i);
            }
            for (String name : set.keySet()) {
                if (step.parameter(name).isEmpty()) {
                    throw DomainException.invalid("unknown-parameter", "step '" + step.name() + "' has no parameter '"
                            + name + "'", "parameter_sets." + i + "." + name);
                }
            }
        }
        return sets;
    }

    private static int limit(Integer given, int natural) {
        int limit = given == null ? natural : given;
        if (limit < 1 || limit > MAX_EXECUTIONS) {
            throw DomainException.invalid("invalid-max-executions", "max_executions must be between 1 and "
                    + MAX_EXECUTIONS, "max_executions");
        }
        return limit;
    }

    /** How many parameter sets a grid has, or a 400 when it is too big to run. */
    static long gridSize(SearchSpace space) {
        long size = 1;
        for (SearchSpace.Dimension dimension : space.dimensions()) {
            Domain domain = dimension.domain();
            long values;
            if (domain instanceof Domain.Choice choice) {
                values = choice.values().size();
            } else if (domain instanceof Domain.Linear linear) {
                values = (long) Math.floor((linear.end() - linear.start()) / linear.step() + 1e-9) + 1;
            } else if (domain instanceof Domain.LogSpace log) {
                values = log.count();
            } else {
                values = Long.MAX_VALUE;
            }
            size = values == Long.MAX_VALUE ? Long.MAX_VALUE : Math.multiplyExact(size, values);
            if (size > MAX_EXECUTIONS) {
                throw DomainException.invalid("grid-too-large", "the grid has more than " + MAX_EXECUTIONS
                        + " parameter sets; narrow it or use a random or bayesian task", "parameters");
            }
        }
        return size;
    }
}
