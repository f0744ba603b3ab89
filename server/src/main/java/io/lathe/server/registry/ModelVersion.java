package io.lathe.server.registry;

import io.lathe.server.platform.StringListConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.List;
import java.util.Locale;

/**
 * Version {@code number} of a model ({@code model://<model>/<number>}; its name is the number): its files, where
 * they came from, and the decision on it.
 */
@Entity
@DiscriminatorValue(ModelRegistry.KIND)
public class ModelVersion extends RegistryVersion {

    /** The approval state; a version starts pending and is decided once, or decided again to change its mind. */
    public enum State {
        PENDING, APPROVED, REJECTED;

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

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
    @Column(name = "decided_by")
    private String decidedBy;
    @Column(name = "decided_at")
    private Long decidedAt;
    @Column(name = "decision_comment")
    private String decisionComment;

    protected ModelVersion() {
    }

    ModelVersion(String id, String modelId, int number, String releaseNote, List<String> tags, String executionId,
            String createdBy, long createdAt) {
        super(id, modelId, Integer.toString(number), executionId, createdBy, createdAt);
        this.number = number;
        this.state = State.PENDING;
        this.releaseNote = releaseNote;
        this.tags = tags == null ? null : List.copyOf(tags);
    }

    void decide(State decision, String userId, long now, String comment) {
        this.state = decision;
        this.decidedBy = userId;
        this.decidedAt = now;
        this.decisionComment = comment;
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
