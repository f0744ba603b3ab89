package io.lathe.server.executions;

import io.lathe.server.projects.Project;
import io.lathe.server.platform.JsonCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of {@code VH_CONFIG_DIR} as Valohai writes them and valohai-utils reads them: {@code parameters.json},
 * {@code inputs.json} and {@code execution.json}.
 */
final class ConfigFiles {

    private ConfigFiles() {
    }

    static Map<String, String> build(Execution execution, Project project, List<ResolvedInput> inputs,
            String inputsDirectory) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("parameters.json", execution.parameters() + "\n");
        files.put("inputs.json", JsonCodec.toJson(inputs(inputs, inputsDirectory)) + "\n");
        files.put("execution.json", JsonCodec.toJson(execution(execution, project)) + "\n");
        return files;
    }

    private static Map<String, Object> inputs(List<ResolvedInput> inputs, String inputsDirectory) {
        Map<String, Object> byName = new LinkedHashMap<>();
        for (ResolvedInput input : inputs) {
            @SuppressWarnings("unchecked")
            List<Object> files = (List<Object>) ((Map<String, Object>) byName.computeIfAbsent(input.inputName(),
                    name -> new LinkedHashMap<>(Map.of("files", new ArrayList<>())))).get("files");
            // Exactly the keys valohai-utils' FileInfo takes: it is built with FileInfo(**entry) and keyword-only
            // parameters, so any other key (Valohai's docs also list datum_id and metadata) makes it fail.
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("name", input.fileName());
            file.put("uri", input.uri());
            file.put("path", inputsDirectory + "/" + input.inputName() + "/" + input.fileName());
            file.put("size", input.size());
            file.put("checksums", Map.of("sha256", input.sha256() == null ? "" : input.sha256()));
            files.add(file);
        }
        return byName;
    }

    private static Map<String, Object> execution(Execution execution, Project project) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("valohai.commit-identifier", execution.commitId());
        values.put("valohai.creator-id", execution.creatorId());
        values.put("valohai.environment-id", execution.environment());
        values.put("valohai.environment-name", execution.environment());
        values.put("valohai.environment-slug", execution.environment());
        values.put("valohai.execution-counter", execution.counter());
        values.put("valohai.execution-ctime", Instant.ofEpochMilli(execution.createdAt()).toString());
        values.put("valohai.execution-id", execution.id());
        values.put("valohai.execution-image", execution.image());
        values.put("valohai.execution-status", "started");
        values.put("valohai.execution-step", execution.stepName());
        values.put("valohai.execution-tags", List.of());
        values.put("valohai.execution-title", execution.title() == null ? "" : execution.title());
        values.put("valohai.project-id", project.id());
        values.put("valohai.project-name", project.name());
        return values;
    }
}
