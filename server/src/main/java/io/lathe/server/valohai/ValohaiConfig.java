package io.lathe.server.valohai;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed and checked {@code valohai.yaml}: steps, pipelines, endpoints and task blueprints are read into checked
 * models (each referring only to steps, blueprints and endpoints the file has); deployments are kept as the plain data
 * they are in the file (ordered maps, lists and scalars, JSON-ready), checked only for their name.
 *
 * @param steps in file order
 * @param pipelines by name, in file order; {@code blueprint} items are pipelines too
 * @param endpoints by name, in file order
 * @param tasks task blueprints by name, in file order
 * @param deployments by name, in file order
 * @param warnings things that do not stop the file from being used (unknown item kinds, repeated names, ...)
 */
public record ValohaiConfig(
        List<Step> steps,
        Map<String, Pipeline> pipelines,
        Map<String, Endpoint> endpoints,
        Map<String, TaskBlueprint> tasks,
        Map<String, Map<String, Object>> deployments,
        List<ConfigProblem> warnings) {

    /** Checks for nulls and makes unmodifiable, order-keeping copies. */
    public ValohaiConfig {
        steps = List.copyOf(steps);
        pipelines = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(pipelines, "pipelines")));
        endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(endpoints, "endpoints")));
        tasks = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(tasks, "tasks")));
        deployments = freezeItems(requireNonNull(deployments, "deployments"));
        warnings = List.copyOf(warnings);
    }

    /** The config of an empty file. */
    public static ValohaiConfig empty() {
        return new ValohaiConfig(List.of(), Map.of(), Map.of(), Map.of(), Map.of(), List.of());
    }

    /** The step called {@code name}, if there is one. */
    public Optional<Step> step(String name) {
        return steps.stream().filter(step -> step.name().equals(name)).findFirst();
    }

    /** The pipeline called {@code name}, if there is one. */
    public Optional<Pipeline> pipeline(String name) {
        return Optional.ofNullable(pipelines.get(name));
    }

    /** The task blueprint called {@code name} as written in the file, if there is one. */
    public Optional<Map<String, Object>> task(String name) {
        return taskBlueprint(name).map(TaskBlueprint::data);
    }

    /** The task blueprint called {@code name}, if there is one. */
    public Optional<TaskBlueprint> taskBlueprint(String name) {
        return Optional.ofNullable(tasks.get(name));
    }

    /** The endpoint called {@code name}, if there is one. */
    public Optional<Endpoint> endpoint(String name) {
        return Optional.ofNullable(endpoints.get(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> freezeItems(Map<String, Map<String, Object>> items) {
        return (Map<String, Map<String, Object>>) (Map<String, ?>) Plain.freezeMap(items);
    }
}
