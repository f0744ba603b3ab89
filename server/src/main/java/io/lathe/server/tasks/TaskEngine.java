package io.lathe.server.tasks;

import io.lathe.plugin.api.optimizer.ProposalRequest;
import io.lathe.plugin.api.optimizer.SearchSpace;
import io.lathe.plugin.api.optimizer.Trial;
import io.lathe.server.auth.Caller;
import io.lathe.server.commits.CommitService;
import io.lathe.server.executions.CreateExecution;
import io.lathe.server.executions.Execution;
import io.lathe.server.executions.ExecutionService;
import io.lathe.server.executions.ExecutionStatus;
import io.lathe.server.executions.MetricCurve;
import io.lathe.server.instances.LiveInstances;
import io.lathe.server.plugins.points.ExtensionPoints;
import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.JsonCodec;
import io.lathe.server.platform.LatheDataSource;
import io.lathe.server.valohai.Step;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Moves tasks on, about once a second and whenever asked: proposes new trials as earlier ones finish (never more
 * than the task's parallelism running, never more than its maximum in all), stops trials the median stopping rule
 * finds behind, stops a task's trials when it is stopped, and ends the task once every trial has ended. Each task
 * is moved on in a transaction holding its row's lock, so servers sharing a database never double a trial.
 */
@ApplicationScoped
public class TaskEngine {

    private static final Logger LOG = Logger.getLogger(TaskEngine.class.getName());
    private static final long POLL_MILLIS = 1000;
    private static final int CURVE_POINTS = 2000;

    @Inject
    TaskRepository tasks;
    @Inject
    ExecutionService executions;
    @Inject
    CommitService commits;
    @Inject
    LiveInstances instances;
    @Inject
    TaskEngine self;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    private ManagedThreadFactory threads;
    @Resource(lookup = LatheDataSource.JNDI_NAME)
    private DataSource dataSource;

    private final Object signal = new Object();
    /** Curves of ended trials never change: read once. */
    private final Map<String, Optional<MetricCurve>> endedCurves = new ConcurrentHashMap<>();
    private boolean signalled;
    private volatile boolean running;

    public void start() {
        running = true;
        Thread loop = threads.newThread(this::loop);
        loop.setName("lathe-tasks");
        loop.start();
    }

    public void stop() {
        running = false;
        wake();
    }

    public void wake() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    /** Marks the task stopping; the next tick stops its trials and ends it once they have ended. */
    void requestStop(String taskId) {
        self.markStopping(taskId);
        wake();
    }

    @Transactional
    public void markStopping(String taskId) {
        Task task = tasks.lock(taskId);
        if (task != null && !task.status().isTerminal()) {
            task.stopping();
        }
    }

    private void loop() {
        while (running) {
            for (String id : tasks.unfinished()) {
                try {
                    self.advance(id);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "task " + id + " could not move on: " + e.getMessage(), e);
                    self.fail(id, "the task failed: " + e.getMessage());
                }
            }
            synchronized (signal) {
                try {
                    if (!signalled && running) {
                        signal.wait(POLL_MILLIS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                signalled = false;
            }
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void fail(String taskId, String detail) {
        Task task = tasks.lock(taskId);
        if (task != null && !task.status().isTerminal()) {
            task.end(TaskStatus.ERROR, detail.length() > 2000 ? detail.substring(0, 2000) : detail,
                    System.currentTimeMillis());
        }
    }

    /** One step of one task, under its row's lock. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void advance(String taskId) {
        Task task = tasks.lock(taskId);
        if (task == null || task.status().isTerminal()) {
            return;
        }
        List<TaskTrial> trials = tasks.trials(task.id());
        Map<String, Execution> byId = tasks.executions(trials.stream().map(TaskTrial::executionId)
                .filter(java.util.Objects::nonNull).toList());
        List<TaskTrial> active = trials.stream().filter(t -> {
            Execution execution = byId.get(t.executionId());
            return execution != null && !execution.status().isTerminal();
        }).toList();
        if (task.status() == TaskStatus.STOPPING) {
            active.forEach(t -> stopTrial(task, t, byId.get(t.executionId()), "the task was stopped"));
            if (active.isEmpty()) {
                task.end(TaskStatus.STOPPED, "stopped before all its trials ran", System.currentTimeMillis());
            }
            return;
        }
        if (task.earlyStopping() != null && task.objective() != null) {
            stopEarly(task, trials, byId);
        }
        int room = Math.min(task.parallelism() - active.size(), task.maxExecutions() - trials.size());
        List<Map<String, Object>> proposals;
        try {
            proposals = room > 0 ? propose(task, trials, byId, room) : List.of();
        } catch (OptimizerFailure e) {
            task.end(TaskStatus.ERROR, e.getMessage(), System.currentTimeMillis());
            return;
        }
        Caller creator = proposals.isEmpty() ? null : tasks.caller(task.creatorId()).orElse(null);
        if (!proposals.isEmpty() && creator == null) {
            task.end(TaskStatus.ERROR, "the user who started the task is disabled or gone",
                    System.currentTimeMillis());
            return;
        }
        Map<String, Object> inputs = task.inputs();
        int next = trials.size();
        for (Map<String, Object> parameters : proposals) {
            next++;
            String title = (task.title() == null ? "task #" + task.counter() : task.title()) + " · trial " + next;
            Execution execution;
            try {
                execution = executions.create(new CreateExecution(task.projectId(), task.commitId(),
                        task.stepName(), parameters, inputs, title, null), creator);
            } catch (DomainException e) {
                task.end(TaskStatus.ERROR, "trial " + next + " with " + parameters + " was refused: "
                        + e.getMessage(), System.currentTimeMillis());
                return;
            }
            tasks.insertTrial(new TaskTrial(task.id(), next, execution.id(), JsonCodec.toObject(parameters),
                    System.currentTimeMillis()));
        }
        boolean exhausted = room > 0 && proposals.isEmpty();
        if (active.isEmpty() && proposals.isEmpty() && (exhausted || trials.size() >= task.maxExecutions())) {
            task.end(TaskStatus.COMPLETE, completion(task, trials), System.currentTimeMillis());
        }
    }

    /**
     * How a finished task's trials went, in words: with an objective, which trials never printed its metric (a
     * misspelt key or a step that prints nothing leaves the task without a best trial, and this says why).
     */
    private String completion(Task task, List<TaskTrial> trials) {
        String ran = trials.size() + (trials.size() == 1 ? " trial ran" : " trials ran");
        if (task.objective() == null || trials.isEmpty()) {
            return ran;
        }
        Map<String, Double> objectives = tasks.objectives(trials.stream().map(TaskTrial::executionId)
                .filter(java.util.Objects::nonNull).toList(), task.objective());
        List<String> silent = trials.stream().filter(t -> !objectives.containsKey(t.executionId()))
                .map(t -> String.valueOf(t.trial())).toList();
        if (silent.isEmpty()) {
            return ran;
        }
        String which = silent.size() == trials.size() ? "none of them printed"
                : (silent.size() == 1 ? "trial " : "trials ") + String.join(", ", silent) + " never printed";
        return ran + "; " + which + " the objective metric '" + task.objective().metric()
                + "': the step must print it as a JSON line, e.g. {\"" + task.objective().metric()
                + "\": 0.5}, or the objective must name a key the step prints";
    }

    private List<Map<String, Object>> propose(Task task, List<TaskTrial> trials, Map<String, Execution> byId,
            int count) {
        JsonObject search = task.search();
        if (task.type().equals("manual")) {
            List<Map<String, Object>> sets = JsonCodec.convert(search.get("parameter_sets"),
                    JsonCodec.LIST_OF_ORDERED_MAPS);
            return sets.subList(Math.min(trials.size(), sets.size()), Math.min(trials.size() + count, sets.size()));
        }
        Step step = CommitService.parse(commits.get(task.projectId(), task.commitId()).configYaml())
                .step(task.stepName()).orElseThrow(() -> new IllegalStateException("the step is gone"));
        Map<String, Object> parameters = JsonCodec.convert(search.get("parameters"), JsonCodec.ORDERED_MAP);
        SearchSpace space = SearchSpaces.read(step, parameters, task.type().equals("grid"), task.seed());
        Map<String, Double> objectives = tasks.objectives(byId.keySet(), task.objective());
        List<Trial> history = new ArrayList<>();
        for (TaskTrial trial : trials) {
            Execution execution = byId.get(trial.executionId());
            Map<String, Object> values = JsonCodec.toMap(trial.parameters());
            Trial.State state = execution == null || !execution.status().isTerminal() ? Trial.State.PENDING
                    : execution.status() == ExecutionStatus.COMPLETE ? Trial.State.COMPLETE : Trial.State.FAILED;
            Double objective = objectives.get(trial.executionId());
            history.add(new Trial(plain(values), state, objective == null || state == Trial.State.PENDING
                    ? OptionalDouble.empty() : OptionalDouble.of(objective)));
        }
        ProposalRequest.Direction direction = task.objective() != null && task.objective().maximize()
                ? ProposalRequest.Direction.MAXIMIZE : ProposalRequest.Direction.MINIMIZE;
        ProposalRequest request = new ProposalRequest(space, direction, history, count, task.seed());
        return askOptimizer(task.optimizer(), request);
    }

    /**
     * Asks the optimizer plugin, guarded ({@link io.lathe.server.plugins.points.PluginCalls}): a plugin that hangs, throws or
     * answers nonsense fails its task with a message that names it, and the other tasks go on.
     */
    private List<Map<String, Object>> askOptimizer(String optimizer, ProposalRequest request) {
        try {
            return instances.get(ExtensionPoints.OPTIMIZER, optimizer).propose(request);
        } catch (io.lathe.plugin.api.PluginException e) {
            throw new OptimizerFailure(e.getMessage());
        }
    }

    /** A task's optimizer plugin misbehaved: the task ends with this message. */
    static final class OptimizerFailure extends RuntimeException {
        OptimizerFailure(String message) {
            super(message);
        }
    }

    /** JSON numbers come back as BigDecimal: the optimizers take Long and Double. */
    private static Map<String, Object> plain(Map<String, Object> values) {
        Map<String, Object> plain = new LinkedHashMap<>();
        values.forEach((name, value) -> plain.put(name, value instanceof java.math.BigDecimal number
                ? (number.scale() <= 0 && number.abs().compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) < 0
                ? (Object) number.longValueExact() : (Object) number.doubleValue()) : value));
        return plain;
    }

    /**
     * The median stopping rule: a running trial whose best objective up to its latest step is worse than the median
     * of the other trials' best up to that step is stopped, with the figures as the reason.
     */
    private void stopEarly(Task task, List<TaskTrial> trials, Map<String, Execution> byId) {
        JsonObject rule = task.earlyStopping();
        int minSteps = rule.getInt("min_steps", 3);
        int minTrials = rule.getInt("min_trials", 3);
        boolean maximize = task.objective().maximize();
        Map<String, Optional<MetricCurve>> curves = new HashMap<>();
        for (TaskTrial trial : trials) {
            Execution execution = byId.get(trial.executionId());
            if (execution == null) {
                continue;
            }
            curves.put(trial.executionId(), execution.status().isTerminal()
                    ? endedCurves.computeIfAbsent(execution.id(), id -> curve(id, task))
                    : curve(execution.id(), task));
        }
        for (TaskTrial trial : trials) {
            Execution execution = byId.get(trial.executionId());
            if (execution == null || execution.status() != ExecutionStatus.STARTED) {
                continue;
            }
            Optional<MetricCurve> own = curves.get(execution.id());
            if (own.isEmpty() || own.get().x().length < minSteps) {
                continue;
            }
            double step = own.get().lastStep();
            double value = own.get().bestUpTo(step, maximize);
            List<Double> others = new ArrayList<>();
            curves.forEach((id, curve) -> {
                if (!id.equals(execution.id()) && curve.isPresent() && curve.get().lastStep() >= step) {
                    others.add(curve.get().bestUpTo(step, maximize));
                }
            });
            if (others.size() < minTrials) {
                continue;
            }
            double median = median(others);
            if (maximize ? value < median : value > median) {
                String reason = String.format(java.util.Locale.ROOT, "stopped early by task #%d (median rule):"
                        + " its best %s up to step %s is %s, worse than the median %s of %d other trials there",
                        task.counter(), task.objective().metric(), trim(step), trim(value), trim(median),
                        others.size());
                stopTrial(task, trial, execution, reason);
            }
        }
    }

    private Optional<MetricCurve> curve(String executionId, Task task) {
        return MetricCurve.read(dataSource, executionId, task.objective().metric(), CURVE_POINTS);
    }

    private void stopTrial(Task task, TaskTrial trial, Execution execution, String reason) {
        tasks.markStopped(task.id(), trial.trial(), reason);
        executions.stop(execution.id());
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String trim(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(java.util.Locale.ROOT, "%.6g", value);
    }
}
