package io.lathe.server.incontainer;

import io.lathe.server.accounts.Accounts;
import io.lathe.server.accounts.InitialAdmin;
import io.lathe.server.auth.Caller;
import io.lathe.server.auth.User;
import io.lathe.server.commits.CommitService;
import io.lathe.server.it.CodePackages;
import io.lathe.server.projects.Project;
import io.lathe.server.projects.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/** Users, projects and commits of a test's own, made through the services, so tests sharing the server never meet. */
@ApplicationScoped
public class Fixtures {

    @Inject
    Accounts accounts;
    @Inject
    ProjectService projects;
    @Inject
    CommitService commits;

    /** The first admin the server made on its first start. */
    public Caller admin() {
        return callerOf(accounts.require(InitialAdmin.USERNAME));
    }

    /** A new user without the admin role. */
    public Caller newUser() {
        return callerOf(accounts.createUser(admin(), "user-" + unique(), "a-password-of-some-length", "user"));
    }

    /** A new project of {@code owner}, on the default data store and environment. */
    public Project newProject(Caller owner) {
        return projects.create("project-" + unique(), null, owner);
    }

    /** A commit of the project holding nothing but this {@code valohai.yaml}; returns its id. */
    public String newCommit(String projectId, Caller owner, String valohaiYaml) {
        try {
            Path tarGz = CodePackages.of(List.of(CodePackages.Entry.file("valohai.yaml", valohaiYaml)));
            try (InputStream in = Files.newInputStream(tarGz)) {
                return commits.upload(projectId, in, owner).commit().id();
            } finally {
                Files.delete(tarGz);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A short random word, to make names no other test uses. */
    public static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static Caller callerOf(User user) {
        return new Caller(user.id(), user.username(), user.role());
    }
}
