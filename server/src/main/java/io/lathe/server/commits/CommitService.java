package io.lathe.server.commits;

import io.lathe.plugin.api.storage.StorageBackend;
import io.lathe.server.auth.Caller;
import io.lathe.server.instances.LiveInstances;
import io.lathe.server.plugins.points.ExtensionPoints;
import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.HashingInputStream;
import io.lathe.server.platform.Limits;
import io.lathe.server.platform.TemporaryFiles;
import io.lathe.server.projects.Project;
import io.lathe.server.projects.ProjectService;
import io.lathe.server.valohai.Step;
import io.lathe.server.valohai.ValohaiConfig;
import io.lathe.server.valohai.ValohaiConfigException;
import io.lathe.server.valohai.ValohaiConfigParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Takes packages of code: streams the upload to a scratch file while hashing it, checks every entry, validates
 * {@code valohai.yaml}, stores the package once per content in the project's data store, and records the commit.
 * Nothing is recorded for a package that fails any check.
 */
@ApplicationScoped
public class CommitService {

    @Inject
    ProjectService projects;
    @Inject
    CommitRepository commits;
    @Inject
    LiveInstances instances;
    @Inject
    TemporaryFiles temporaryFiles;
    @Inject
    Limits limits;

    /** The outcome of an upload: the commit, and whether it is new. */
    public record Upload(CodeCommit commit, boolean created) {
    }

    public Upload upload(String projectId, InputStream body, Caller caller) {
        Project project = projects.get(projectId);
        Path scratch = temporaryFiles.create("package");
        try {
            HashingInputStream hashing = new HashingInputStream(body, limits.maxPackageBytes());
            copy(hashing, scratch);
            if (hashing.count() == 0) {
                throw DomainException.invalid("empty-package", "the body is empty; send the .tar.gz as the body "
                        + "(curl --data-binary @code.tar.gz)", "package");
            }
            String sha256 = hashing.sha256();
            var existing = commits.find(projectId, CodeCommit.idOf(sha256));
            if (existing.isPresent()) {
                return new Upload(existing.get(), false);
            }
            String yaml;
            try (InputStream in = Files.newInputStream(scratch)) {
                yaml = CodePackage.inspect(in, limits.maxPackageFiles(), limits.maxUnpackedBytes());
            }
            parse(yaml);
            String key = "commits/" + sha256 + ".tar.gz";
            StorageBackend store = instances.get(ExtensionPoints.STORAGE, project.defaultStore());
            if (store.stat(key).isEmpty()) {
                try (InputStream in = Files.newInputStream(scratch)) {
                    store.put(key, in, hashing.count());
                }
            }
            CodeCommit commit = new CodeCommit(projectId, sha256, hashing.count(), project.defaultStore(), key, yaml,
                    caller.userId(), System.currentTimeMillis());
            try {
                commits.insert(commit);
                return new Upload(commit, true);
            } catch (PersistenceException | jakarta.transaction.TransactionalException e) {
                // The same package uploaded twice at once: the other upload recorded it.
                return commits.find(projectId, commit.id()).map(c -> new Upload(c, false)).orElseThrow(() -> e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TemporaryFiles.deleteQuietly(scratch);
        }
    }

    /** Reads a commit's configuration; it was validated at upload. */
    public static ValohaiConfig parse(String yaml) {
        try {
            return ValohaiConfigParser.parse(CodePackage.CONFIG_FILE, new StringReader(yaml));
        } catch (ValohaiConfigException e) {
            throw DomainException.invalid("invalid-config", e.getMessage(), CodePackage.CONFIG_FILE);
        }
    }

    /**
     * The commit's step called {@code name}; an unknown one is a 400 on the field {@code step} that lists the steps
     * the commit has, so the caller can pick one.
     */
    public static Step step(CodeCommit commit, String name) {
        ValohaiConfig config = parse(commit.configYaml());
        return config.step(name == null ? "" : name).orElseThrow(() -> DomainException.invalid("unknown-step",
                "commit " + commit.id() + " has no step '" + name + "'; its steps are "
                        + config.steps().stream().map(Step::name).toList(), "step"));
    }

    public CodeCommit get(String projectId, String commitId) {
        projects.get(projectId);
        return commits.find(projectId, commitId).orElseThrow(() -> DomainException.notFound("commit", commitId));
    }

    /** The project's newest commits, at most {@code max}, newest first. */
    public List<CodeCommit> newest(String projectId, int max) {
        return commits.newest(projectId, max);
    }

    static void copy(HashingInputStream in, Path scratch) throws IOException {
        try {
            Files.copy(in, scratch, StandardCopyOption.REPLACE_EXISTING);
        } catch (HashingInputStream.LimitExceededException e) {
            throw new DomainException(DomainException.Kind.TOO_LARGE, "package-too-large",
                    "the package is larger than " + e.limit() + " bytes, the limit " + Limits.MAX_PACKAGE_BYTES
                            + " = " + e.limit() + "; leave out what the steps do not need (data belongs in inputs),"
                            + " or ask the administrator to raise the limit", "package");
        }
    }
}
