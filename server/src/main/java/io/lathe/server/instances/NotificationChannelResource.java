package io.lathe.server.instances;

import jakarta.ws.rs.Path;

/** {@code /api/v1/admin/notification-channels}: the configured notification channels: where events are sent. */
@Path("admin/notification-channels")
public class NotificationChannelResource extends InstanceResource {

    @Override
    protected InstanceAdmin.Kind kind() {
        return InstanceAdmin.Kind.NOTIFICATION_CHANNEL;
    }
}
