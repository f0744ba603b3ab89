package io.lathe.server.instances;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A configured compute environment: where executions run. */
@Entity
@Table(name = "compute_environment")
public class Environment extends ConfiguredInstance {

    protected Environment() {
    }

    public Environment(String name, String factory, String settingsJson, long createdAt) {
        super(name, factory, settingsJson, createdAt);
    }
}
