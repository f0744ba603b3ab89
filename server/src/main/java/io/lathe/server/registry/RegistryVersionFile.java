package io.lathe.server.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** One datum of a dataset or model version. */
@Entity
@Table(name = "registry_version_file")
@IdClass(RegistryVersionFile.Key.class)
public class RegistryVersionFile {

    /** The composite key. */
    public record Key(String versionId, String datumId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "version_id")
    private String versionId;
    @Id
    @Column(name = "datum_id")
    private String datumId;

    protected RegistryVersionFile() {
    }

    RegistryVersionFile(String versionId, String datumId) {
        this.versionId = versionId;
        this.datumId = datumId;
    }

    public String versionId() {
        return versionId;
    }

    public String datumId() {
        return datumId;
    }
}
