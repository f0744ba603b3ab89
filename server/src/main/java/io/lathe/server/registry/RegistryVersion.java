package io.lathe.server.registry;

import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.Table;

/**
 * One immutable version of a {@link RegistryCollection}: its name (unique in the collection), who made it, when, and
 * from which execution; its files are {@link RegistryVersionFile}s. Each kind is a subclass in the same table,
 * told apart by {@code kind}.
 */
@Entity
@Table(name = "registry_version")
@Inheritance(strategy = InheritanceType.SINGLE_TABLE)
@DiscriminatorColumn(name = "kind", length = 16)
public abstract class RegistryVersion {

    @Id
    private String id;
    @Column(name = "collection_id", nullable = false)
    private String collectionId;
    @Column(nullable = false)
    private String name;
    @Column(name = "execution_id")
    private String executionId;
    @Column(name = "created_by", nullable = false)
    private String createdBy;
    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected RegistryVersion() {
    }

    protected RegistryVersion(String id, String collectionId, String name, String executionId, String createdBy,
            long createdAt) {
        this.id = id;
        this.collectionId = collectionId;
        this.name = name;
        this.executionId = executionId;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    /** The id of its dataset or model. */
    public String collectionId() {
        return collectionId;
    }

    /** Its name in the collection: a dataset version's as given, a model version's its number. */
    public String name() {
        return name;
    }

    /** The execution whose outputs made it; null when it was made through the API. */
    public String executionId() {
        return executionId;
    }

    public String createdBy() {
        return createdBy;
    }

    public long createdAt() {
        return createdAt;
    }
}
