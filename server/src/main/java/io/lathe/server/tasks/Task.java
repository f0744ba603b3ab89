package io.lathe.server.tasks;

import io.lathe.server.platform.JsonMapConverter;
import io.lathe.server.platform.JsonObjectConverter;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Map;

/**
 * A hyperparameter search: a step of a commit run with parameter sets an optimizer proposes (or a given list), at
 * most {@code parallelism} at a time, until {@code maxExecutions} trials have run; the objective is a metadata key.
 */
@Entity
@Table(name = "task")
public class Task {

    @Id
    private String id;
    @Column(name = "project_id", nullable = false)
    private String projectId;
    @Column(nullable = false)
    private int counter;
    @Column(name = "commit_id", nullable = false)
    private String commitId;
    @Column(name = "step_name", nullable = false)
    private String stepName;
    @Column(nullable = false)
    private String type;
    /** The optimizer extension's id: the type's own, or one a plugin adds, named by the request. */
    private String optimizer;
    /** The search as given ({@code parameters} in Valohai's styles, or the manual list): what the trials come from. */
    @Column(name = "search_json", nullable = false)
    @Convert(converter = JsonObjectConverter.class)
    private JsonObject search;
    @Column(name = "inputs_json")
    @Convert(converter = JsonMapConverter.class)
    private Map<String, Object> inputs;
    private String title;
    @Column(name = "objective_metric")
    private String objectiveMetric;
    @Column(name = "objective_direction")
    private String objectiveDirection;
    @Column(name = "objective_mode")
    private String objectiveMode;
    @Column(name = "max_executions", nullable = false)
    private int maxExecutions;
    @Column(nullable = false)
    private int parallelism;
    @Column(name = "early_stopping_json")
    @Convert(converter = JsonObjectConverter.class)
    private JsonObject earlyStopping;
    @Column(nullable = false)
    private long seed;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TaskStatus status;
    @Column(name = "status_detail")
    private String statusDetail;
    @Column(name = "creator_id", nullable = false)
    private String creatorId;
    @Column(name = "created_at", nullable = false)
    private long createdAt;
    @Column(name = "ended_at")
    private Long endedAt;

    protected Task() {
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    Task(String id, String projectId, int counter, String commitId, String stepName, String type, String optimizer,
            JsonObject search, Map<String, Object> inputs, String title, Objective objective, int maxExecutions,
            int parallelism, JsonObject earlyStopping, long seed, String creatorId, long createdAt) {
        this.id = id;
        this.projectId = projectId;
        this.counter = counter;
        this.commitId = commitId;
        this.stepName = stepName;
        this.type = type;
        this.optimizer = optimizer;
        this.search = search;
        this.inputs = inputs;
        this.title = title;
        if (objective != null) {
            this.objectiveMetric = objective.metric();
            this.objectiveDirection = objective.direction();
            this.objectiveMode = objective.mode();
        }
        this.maxExecutions = maxExecutions;
        this.parallelism = parallelism;
        this.earlyStopping = earlyStopping;
        this.seed = seed;
        this.status = TaskStatus.RUNNING;
        this.creatorId = creatorId;
        this.createdAt = createdAt;
    }

    /**
     * What a task optimizes.
     *
     * @param direction {@code minimize} or {@code maximize}
     * @param mode {@code last} (the last value printed) or {@code best} (the best value printed)
     */
    public record Objective(String metric, String direction, String mode) {
        public boolean maximize() {
            return direction.equals("maximize");
        }
    }

    void end(TaskStatus ended, String detail, long now) {
        this.status = ended;
        this.statusDetail = detail;
        this.endedAt = now;
    }

    void stopping() {
        this.status = TaskStatus.STOPPING;
    }

    public String id() {
        return id;
    }

    public String projectId() {
        return projectId;
    }

    public int counter() {
        return counter;
    }

    public String commitId() {
        return commitId;
    }

    public String stepName() {
        return stepName;
    }

    public String type() {
        return type;
    }

    /** The optimizer extension proposing this task's trials; null for a manual task. */
    public String optimizer() {
        return optimizer;
    }

    /** {@code {"parameters": {...}}} in Valohai's styles, or {@code {"parameter_sets": [...]}} for a manual task. */
    public JsonObject search() {
        return search;
    }

    /** The inputs every trial gets, as given; null when none were. */
    public Map<String, Object> inputs() {
        return inputs;
    }

    public String title() {
        return title;
    }

    public Objective objective() {
        return objectiveMetric == null ? null : new Objective(objectiveMetric, objectiveDirection, objectiveMode);
    }

    public int maxExecutions() {
        return maxExecutions;
    }

    public int parallelism() {
        return parallelism;
    }

    /** {@code {"rule", "min_steps", "min_trials"}}, or null when trials are never stopped early. */
    public JsonObject earlyStopping() {
        return earlyStopping;
    }

    public long seed() {
        return seed;
    }

    public TaskStatus status() {
        return status;
    }

    public String statusDetail() {
        return statusDetail;
    }

    public String creatorId() {
        return creatorId;
    }

    public long createdAt() {
        return createdAt;
    }

    public Long endedAt() {
        return endedAt;
    }
}
