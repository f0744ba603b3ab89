package io.lathe.server.projects;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;

/** A project as the API shows it. */
public record ProjectView(
        String id,
        String name,
        String description,
        @JsonbProperty("default_store") String defaultStore,
        @JsonbProperty("default_environment") String defaultEnvironment,
        @JsonbProperty("created_at") Instant createdAt) {

    public static ProjectView of(Project project) {
        return new ProjectView(project.id(), project.name(), project.description(), project.defaultStore(),
                project.defaultEnvironment(), Instant.ofEpochMilli(project.createdAt()));
    }
}
