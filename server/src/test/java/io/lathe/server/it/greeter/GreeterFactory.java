package io.lathe.server.it.greeter;

import io.lathe.plugin.api.ConfiguredInstanceFactory;

/** The factory interface of the test-only extension point {@code greeter}: administrators configure greeters. */
public interface GreeterFactory extends ConfiguredInstanceFactory<Greeter> {
}
