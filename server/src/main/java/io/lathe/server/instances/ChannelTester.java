package io.lathe.server.instances;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.notify.Event;
import io.lathe.server.audit.AuditLog;
import io.lathe.server.auth.Caller;
import io.lathe.server.platform.LatheSettings;
import io.lathe.server.plugins.points.ExtensionPoints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;

/**
 * Sends a test event through a notification channel, so that an administrator sees at once whether it works. The
 * delivery is guarded like every plugin call; its outcome, good or bad, is in the audit trail.
 */
@ApplicationScoped
public class ChannelTester {

    /** What became of a test event: delivered, or the plugin's failure. */
    public record Delivery(boolean delivered, String message) {
    }

    @Inject
    InstanceAdmin admin;
    @Inject
    LiveInstances live;
    @Inject
    AuditLog audit;
    @Inject
    LatheSettings settings;

    /** @throws io.lathe.server.platform.DomainException not found when there is no such channel */
    public Delivery test(String name, Caller caller) {
        admin.get(ExtensionPoints.NOTIFIER, name);
        Event event = new Event("lathe.test", "", "Test notification from Lathe",
                caller.username() + " sent this to check the notification channel '" + name + "'.",
                settings.baseUrl().resolve("admin/" + ExtensionPoints.NOTIFICATION_CHANNELS + "/" + name).toString(),
                Instant.now(), Map.of("channel", name, "sent_by", caller.username()));
        Delivery delivery;
        try {
            live.get(ExtensionPoints.NOTIFIER, name).deliver(event);
            delivery = new Delivery(true, null);
        } catch (PluginException e) {
            delivery = new Delivery(false, e.getMessage());
        }
        audit.record(caller.username(), "notification-channel.test", name, delivery.delivered()
                ? Map.of("delivered", true) : Map.of("delivered", false, "message", delivery.message()));
        return delivery;
    }
}
