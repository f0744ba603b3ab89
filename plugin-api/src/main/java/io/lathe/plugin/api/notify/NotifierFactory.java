package io.lathe.plugin.api.notify;

import io.lathe.plugin.api.ConfiguredInstanceFactory;

/** Extension point for where events are sent (webhooks, chat, e-mail). A configured instance is a channel. */
public interface NotifierFactory extends ConfiguredInstanceFactory<Notifier> {
}
