package io.lathe.server.executions;

import io.lathe.server.platform.JsonObjectConverter;
import io.lathe.server.platform.StringListConverter;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;

/**
 * One run of a step, with everything needed to explain it and run it again exactly: commit, the step as resolved,
 * parameters, the command as run, environment, image, and (in {@link ExecutionInput}) every input with its checksum.
 * Status changes go through {@link ExecutionRepository}'s conditional updates, never through this object.
 */
@Entity
@Table(name = "execution")
public class Execution {

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
    @Column(name = "step_json", nullable = false)
    @Convert(converter = JsonObjectConverter.class)
    private JsonObject step;
    @Column(name = "parameters_json", nullable = false)
    @Convert(converter = JsonObjectConverter.class)
    private JsonObject parameters;
    @Column(nullable = false)
    @Convert(converter = StringListConverter.class)
    private List<String> command;
    @Column(nullable = false)
    private String image;
    @Column(nullable = false)
    private String environment;
    private String title;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ExecutionStatus status;
    @Column(name = "status_detail")
    private String statusDetail;
    @Column(name = "exit_code")
    private Integer exitCode;
    @Column(name = "time_limit_s")
    private Long timeLimitSeconds;
    @Column(name = "compute_handle")
    private String computeHandle;
    @Column(name = "copied_from")
    private String copiedFrom;
    @Column(name = "creator_id", nullable = false)
    private String creatorId;
    @Column(name = "created_at", nullable = false)
    private long createdAt;
    @Column(name = "queued_at")
    private Long queuedAt;
    @Column(name = "started_at")
    private Long startedAt;
    @Column(name = "ended_at")
    private Long endedAt;
    /** {@code endedAt - startedAt}, stored so that the executions table can sort by it through an index. */
    @Column(name = "duration_ms")
    private Long durationMs;

    protected Execution() {
    }

    /** A new execution, queued at once: nothing holds it back yet (quotas would keep it {@code created}). */
    Execution(String id, String projectId, int counter, String commitId, String stepName, JsonObject step,
            JsonObject parameters, List<String> command, String image, String environment, String title,
            Long timeLimitSeconds, String copiedFrom, String creatorId, long now) {
        this.id = id;
        this.projectId = projectId;
        this.counter = counter;
        this.commitId = commitId;
        this.stepName = stepName;
        this.step = step;
        this.parameters = parameters;
        this.command = command;
        this.image = image;
        this.environment = environment;
        this.title = title;
        this.timeLimitSeconds = timeLimitSeconds;
        this.copiedFrom = copiedFrom;
        this.creatorId = creatorId;
        this.status = ExecutionStatus.QUEUED;
        this.createdAt = now;
        this.queuedAt = now;
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

    /** The step as resolved when the execution was made (its valohai.yaml keys). */
    public JsonObject step() {
        return step;
    }

    /** The parameter values as resolved, by name. */
    public JsonObject parameters() {
        return parameters;
    }

    /** The commands as run. */
    public List<String> command() {
        return command;
    }

    public String image() {
        return image;
    }

    public String environment() {
        return environment;
    }

    public String title() {
        return title;
    }

    public ExecutionStatus status() {
        return status;
    }

    public String statusDetail() {
        return statusDetail;
    }

    public Integer exitCode() {
        return exitCode;
    }

    public Long timeLimitSeconds() {
        return timeLimitSeconds;
    }

    public String computeHandle() {
        return computeHandle;
    }

    public String copiedFrom() {
        return copiedFrom;
    }

    public String creatorId() {
        return creatorId;
    }

    public long createdAt() {
        return createdAt;
    }

    public Long queuedAt() {
        return queuedAt;
    }

    public Long startedAt() {
        return startedAt;
    }

    public Long endedAt() {
        return endedAt;
    }
}
