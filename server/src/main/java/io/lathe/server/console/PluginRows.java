package io.lathe.server.console;

import io.lathe.server.executions.ExecutionService;
import io.lathe.server.plugins.host.PluginDescription;
import io.lathe.server.plugins.points.ExtensionPoints;
import io.lathe.server.plugins.points.PluginFaults;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * The plugins page's rows: each plugin as the API describes it, with how many faults are kept for it and the latest
 * few, each naming the instance that failed and linking the execution it failed for.
 */
@ApplicationScoped
public class PluginRows {

    private static final int RECENT_FAULTS = 5;

    /** A plugin with its recorded faults. */
    public record PluginRow(PluginDescription plugin, long faultCount, List<Fault> faults) {
    }

    /** A fault as the API shows it, with the instance it names and the console's link to its execution ("" if none). */
    public record Fault(PluginFaults.FaultView fault, String instance, String execution) {
    }

    @Inject
    PluginFaults faults;
    @Inject
    ExecutionService executions;
    @Inject
    ExtensionPoints points;

    public List<PluginRow> of(List<PluginDescription> plugins) {
        Map<String, Long> counts = faults.counts();
        return plugins.stream().map(plugin -> {
            long count = plugin.id() == null ? 0 : counts.getOrDefault(plugin.id(), 0L);
            List<Fault> latest = count == 0 ? List.of() : faults.latest(plugin.id(), RECENT_FAULTS).stream()
                    .map(this::fault).toList();
            return new PluginRow(plugin, count, latest);
        }).toList();
    }

    private Fault fault(PluginFaults.FaultView fault) {
        String execution = fault.execution() == null ? "" : executions.find(fault.execution())
                .map(e -> "/projects/" + e.projectId() + "/executions/" + e.counter()).orElse("");
        return new Fault(fault, points.byId(fault.extension()).map(p -> p.named(fault.instance()))
                .orElse(fault.extension() + " '" + fault.instance() + "'"), execution);
    }
}
