package io.lathe.server.plugins.points;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One failed call to a plugin instance, as {@link PluginFaults} records it. */
@Entity
@Table(name = "plugin_fault")
public class PluginFault {

    @Id
    private String id;
    @Column(name = "plugin_id", nullable = false)
    private String pluginId;
    @Column(nullable = false)
    private String extension;
    @Column(name = "instance_name", nullable = false)
    private String instanceName;
    @Column(nullable = false)
    private String operation;
    @Column(nullable = false)
    private String code;
    @Column(nullable = false)
    private String message;
    @Column(name = "execution_id")
    private String executionId;
    @Column(name = "occurred_at", nullable = false)
    private long occurredAt;

    protected PluginFault() {
    }

    PluginFault(String id, PluginTarget target, String operation, String code, String message, String executionId,
            long occurredAt) {
        this.id = id;
        this.pluginId = target.pluginId();
        this.extension = target.point().id();
        this.instanceName = target.instance();
        this.operation = operation;
        this.code = code;
        this.message = message;
        this.executionId = executionId;
        this.occurredAt = occurredAt;
    }

    public String pluginId() {
        return pluginId;
    }

    /** As the API shows it. */
    public PluginFaults.FaultView view() {
        return new PluginFaults.FaultView(java.time.Instant.ofEpochMilli(occurredAt), extension, instanceName,
                operation, code, message, executionId);
    }
}
