package io.lathe.server.instances;

import java.util.Map;

/** The body that creates a configured instance ({@code factory} is an extension's id) or changes its settings. */
public record NewInstance(String name, String factory, Map<String, String> settings) {
}
