package io.lathe.server.tasks;

import io.lathe.server.platform.JsonObjectConverter;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** One proposal of a task and the execution that runs it; the reason, when the task stopped it early. */
@Entity
@Table(name = "task_trial")
@IdClass(TaskTrial.Key.class)
public class TaskTrial {

    /** The composite key. */
    public record Key(String taskId, int trial) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Id
    @Column(name = "task_id")
    private String taskId;
    @Id
    private int trial;
    @Column(name = "execution_id")
    private String executionId;
    @Column(name = "parameters_json", nullable = false)
    @Convert(converter = JsonObjectConverter.class)
    private JsonObject parameters;
    @Column(name = "stopped_reason")
    private String stoppedReason;
    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected TaskTrial() {
    }

    TaskTrial(String taskId, int trial, String executionId, JsonObject parameters, long createdAt) {
        this.taskId = taskId;
        this.trial = trial;
        this.executionId = executionId;
        this.parameters = parameters;
        this.createdAt = createdAt;
    }

    void stoppedBecause(String reason) {
        this.stoppedReason = reason;
    }

    public String taskId() {
        return taskId;
    }

    public int trial() {
        return trial;
    }

    public String executionId() {
        return executionId;
    }

    public JsonObject parameters() {
        return parameters;
    }

    public String stoppedReason() {
        return stoppedReason;
    }
}
