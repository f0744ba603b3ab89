package io.lathe.server.commits;

import io.lathe.server.valohai.ValohaiConfig;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A commit as the API shows it, with the steps its {@code valohai.yaml} declares. */
public record CommitView(
        String id,
        String project,
        String sha256,
        long size,
        @JsonbProperty("created_at") Instant createdAt,
        List<Map<String, Object>> steps,
        List<String> warnings) {

    public static CommitView of(CodeCommit commit) {
        ValohaiConfig config = CommitService.parse(commit.configYaml());
        return new CommitView(commit.id(), commit.projectId(), commit.sha256(), commit.size(),
                Instant.ofEpochMilli(commit.createdAt()),
                config.steps().stream().map(step -> step.toMap()).toList(),
                config.warnings().stream().map(Object::toString).toList());
    }
}
