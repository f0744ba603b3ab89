package io.lathe.server.instances;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A configured notifier: where events are sent (a webhook URL, a mail address). */
@Entity
@Table(name = "notification_channel")
public class NotificationChannel extends ConfiguredInstance {

    protected NotificationChannel() {
    }

    public NotificationChannel(String name, String factory, String settingsJson, long createdAt) {
        super(name, factory, settingsJson, createdAt);
    }
}
