package io.lathe.server.instances;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A configured storage backend: where a project's files are kept. */
@Entity
@Table(name = "data_store")
public class DataStore extends ConfiguredInstance {

    protected DataStore() {
    }

    public DataStore(String name, String factory, String settingsJson, long createdAt) {
        super(name, factory, settingsJson, createdAt);
    }
}
