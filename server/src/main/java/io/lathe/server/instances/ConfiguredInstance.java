package io.lathe.server.instances;

import io.lathe.server.platform.StringMapConverter;
import io.lathe.server.plugins.points.ExtensionPoint;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A named instance of an extension point as an administrator configured it: the factory's id and the settings, kept
 * as JSON; never a serialised plugin object, so plugins can be upgraded under it. The instances of every point share
 * one table, keyed by the point's id and the instance's name.
 */
@Entity
@Table(name = "configured_instance")
@IdClass(ConfiguredInstance.Key.class)
public class ConfiguredInstance {

    /** The primary key: the point's id and the instance's name. */
    public static class Key implements Serializable {

        private String point;
        private String name;

        public Key() {
            // for JPA
        }

        public Key(String point, String name) {
            this.point = point;
            this.name = name;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && point.equals(key.point) && name.equals(key.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(point, name);
        }
    }

    @Id
    private String point;
    @Id
    private String name;
    @Column(nullable = false)
    private String factory;
    @Column(nullable = false)
    @Convert(converter = StringMapConverter.class)
    private Map<String, String> settings;
    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected ConfiguredInstance() {
    }

    /** @param settings as stored: the values of secret settings sealed ({@link SecretSettings}) */
    public ConfiguredInstance(ExtensionPoint<?, ?> point, String name, String factory, Map<String, String> settings,
            long createdAt) {
        this.point = point.id();
        this.name = Objects.requireNonNull(name, "name");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.settings = Collections.unmodifiableMap(new TreeMap<>(settings));
        this.createdAt = createdAt;
    }

    public String name() {
        return name;
    }

    /** The id of the factory that makes it. */
    public String factory() {
        return factory;
    }

    /** The settings as stored: secret values sealed. */
    public Map<String, String> settings() {
        return settings;
    }

    void replaceSettings(Map<String, String> stored) {
        this.settings = Collections.unmodifiableMap(new TreeMap<>(stored));
    }
}
