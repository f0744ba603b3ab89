package io.lathe.server.executions;

import java.util.Map;

/**
 * The body of {@code POST /api/v1/executions}, in Valohai's shape.
 *
 * @param parameters values by parameter name; defaults from the step fill the rest
 * @param inputs URIs by input name: a string or a list of strings
 * @param environment the environment to run in; the project's default when absent
 */
public record CreateExecution(
        String project,
        String commit,
        String step,
        Map<String, Object> parameters,
        Map<String, Object> inputs,
        String title,
        String environment) {
}
