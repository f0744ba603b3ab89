package io.lathe.server.registry;

import io.lathe.server.platform.StringListConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;

/** Version {@code number} of a model: its files, where they came from, and the decision on it. */
@Entity
@Table(name = "model_version")
public class ModelVersion {

    /** The approval state; a version starts pending and is decided once, or decided again to change its mind. */
    public enum State {
        PENDING, APPROVED, REJECTED;

        public String apiName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Id
    private String id;
    @Column(name = "model_id", nullable = false)
    private String modelId;
    @Column(nullable = false)
    private int number;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;
    @Column(name = "release_note")
    private String releaseNote;
    @Column(name = "tags_json")
    @Convert(converter = StringListConverter.class)
    private List<String> tags;
    @Column(name = "execution_id")
    private String executionId;
    @Column(name = "created_by", nullable = false)
    private String createdBy;
    @Column(name = "created_at", nullable = false)
    private long createdAt;
    @Column(name = "decided_by")
    private String decidedBy;
    @Column(name = "decided_at")
    private Long decidedAt;
    @Column(name = "decision_comment")
    private String decisionComment;

    protected ModelVersion() {
    }

    public ModelVersion(String id, String modelId, int number, String releaseNote, List<String> tags,
            String executionId, String createdBy, long createdAt) {
        this.id = id;
        this.modelId = modelId;
        this.number = number;
        this.state = State.PENDING;
        this.releaseNote = releaseNote;
        this.tags = tags == null ? null : List.copyOf(tags);
        this.executionId = executionId;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    void decide(State decision, String userId, long now, String comment) {
        this.state = decision;
        this.decidedBy = userId;
        this.decidedAt = now;
        this.decisionComment = comment;
    }

    public String id() {
        return id;
    }

    public String modelId() {
        return modelId;
    }

    public int number() {
        return number;
    }

    public State state() {
        return state;
    }

    public String releaseNote() {
        return releaseNote;
    }

    /** Its tags; empty when it has none. */
    public List<String> tags() {
        return tags == null ? List.of() : tags;
    }

    public String executionId() {
        return executionId;
    }

    public String createdBy() {
        return createdBy;
    }

    public long createdAt() {
        return createdAt;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public Long decidedAt() {
        return decidedAt;
    }

    public String decisionComment() {
        return decisionComment;
    }
}
