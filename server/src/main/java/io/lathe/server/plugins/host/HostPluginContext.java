package io.lathe.server.plugins.host;

import io.lathe.plugin.api.PluginContext;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/** What the server gives one configured instance. */
public record HostPluginContext(System.Logger logger, Path workDirectory, Clock clock, URI baseUrl) implements PluginContext {

    public HostPluginContext {
        Objects.requireNonNull(logger, "logger");
        Objects.requireNonNull(workDirectory, "workDirectory");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(baseUrl, "baseUrl");
    }
}
