package io.lathe.server.instances;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * A named instance of an extension as an administrator configured it: the factory's id and the settings as JSON.
 * Never a serialised plugin object, so plugins can be upgraded under it.
 */
@MappedSuperclass
public abstract class ConfiguredInstance {

    @Id
    private String name;

    @Column(nullable = false)
    private String factory;

    @Column(nullable = false)
    private String settings;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected ConfiguredInstance() {
    }

    protected ConfiguredInstance(String name, String factory, String settingsJson, long createdAt) {
        this.name = name;
        this.factory = factory;
        this.settings = settingsJson;
        this.createdAt = createdAt;
    }

    public String name() {
        return name;
    }

    public String factory() {
        return factory;
    }

    public String settingsJson() {
        return settings;
    }

    void replaceSettings(String settingsJson) {
        this.settings = settingsJson;
    }
}
