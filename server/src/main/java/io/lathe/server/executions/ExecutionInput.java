package io.lathe.server.executions;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/**
 * One file an execution took as input, resolved when the execution was created: a datum (pinned by id, so a copy
 * uses the same bytes) or a URL, with the size and SHA-256 of the bytes actually used.
 */
@Entity
@Table(name = "execution_input")
@IdClass(ExecutionInput.Key.class)
public class ExecutionInput {

    /** The composite key. */
    public record Key(String executionId, int position) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Id
    @Column(name = "execution_id")
    private String executionId;
    @Id
    private int position;
    @Column(name = "input_name", nullable = false)
    private String inputName;
    @Column(nullable = false)
    private String uri;
    @Column(name = "datum_id")
    private String datumId;
    @Column(name = "file_name", nullable = false)
    private String fileName;
    private Long size;
    private String sha256;

    protected ExecutionInput() {
    }

    public ExecutionInput(String executionId, int position, ResolvedInput input) {
        this.executionId = executionId;
        this.position = position;
        this.inputName = input.inputName();
        this.uri = input.uri();
        this.datumId = input.datumId();
        this.fileName = input.fileName();
        this.size = input.size();
        this.sha256 = input.sha256();
    }

    public int position() {
        return position;
    }

    /** This input as resolved, to re-run it. */
    public ResolvedInput resolved() {
        return new ResolvedInput(inputName, uri, datumId, fileName, size, sha256);
    }
}
