package io.lathe.server.executions;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.compute.InputFile;
import io.lathe.plugin.api.compute.JobFiles;
import io.lathe.plugin.api.storage.StorageBackend;
import io.lathe.server.commits.CodeCommit;
import io.lathe.server.commits.CodePackage;
import io.lathe.server.data.Datum;
import io.lathe.server.data.DatumRepository;
import io.lathe.server.instances.LiveInstances;
import io.lathe.server.platform.FailureText;
import io.lathe.server.platform.TemporaryFiles;
import io.lathe.server.plugins.points.ExtensionPoints;
import io.lathe.server.plugins.points.PluginCallFailure;
import io.lathe.server.projects.Project;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's side of {@link JobFiles} for one execution: code from the commit's package, inputs from data stores
 * or fetched from their URLs (checksummed and recorded on the execution), and the config files.
 */
final class ExecutionJobFiles implements JobFiles {

    private final Execution execution;
    private final Project project;
    private final CodeCommit commit;
    private final LiveInstances instances;
    private final DatumRepository datums;
    private final ExecutionRepository executions;
    private final InputDownloader downloader;
    private final long maxUnpackedBytes;
    private final List<Path> downloads = new ArrayList<>();
    private List<ResolvedInput> resolved;
    private List<InputFile> files;
    private PluginCallFailure pluginFailure;

    ExecutionJobFiles(Execution execution, Project project, CodeCommit commit, List<ResolvedInput> resolved,
            LiveInstances instances, DatumRepository datums, ExecutionRepository executions,
            InputDownloader downloader, long maxUnpackedBytes) {
        this.execution = execution;
        this.maxUnpackedBytes = maxUnpackedBytes;
        this.project = project;
        this.commit = commit;
        this.resolved = resolved;
        this.instances = instances;
        this.datums = datums;
        this.executions = executions;
        this.downloader = downloader;
    }

    @Override
    public void extractCode(Path directory) {
        try (InputStream in = remembered(() -> instances.get(ExtensionPoints.STORAGE, commit.store(), execution.id())
                .open(commit.storageKey(), 0))) {
            CodePackage.extract(in, directory, maxUnpackedBytes);
        } catch (IOException e) {
            throw new PluginException("code-unavailable", "cannot read the code package: " + FailureText.of(e), e);
        }
    }

    /**
     * The first failure of a data store's plugin while the job's files were fetched: the environment reports such a
     * failure in its own words, or may carry on without the file, so the execution's end says it too.
     */
    synchronized Optional<PluginCallFailure> pluginFailure() {
        return Optional.ofNullable(pluginFailure);
    }

    private InputStream remembered(Opener opener) throws IOException {
        try {
            return opener.open();
        } catch (PluginCallFailure e) {
            synchronized (this) {
                if (pluginFailure == null) {
                    pluginFailure = e;
                }
            }
            throw e;
        }
    }

    @Override
    public synchronized List<InputFile> inputs() {
        if (files == null) {
            List<ResolvedInput> fetched = new ArrayList<>();
            List<InputFile> prepared = new ArrayList<>();
            for (int position = 0; position < resolved.size(); position++) {
                ResolvedInput input = resolved.get(position);
                if (input.isDatum()) {
                    Datum datum = datums.find(input.datumId()).orElseThrow(() -> new PluginException("input-gone",
                            "input '" + input.inputName() + "': datum " + input.datumId() + " no longer exists"));
                    StorageBackend store = instances.get(ExtensionPoints.STORAGE, datum.store(), execution.id());
                    prepared.add(new Source(input, () -> remembered(() -> store.open(datum.storageKey(), 0))));
                    fetched.add(input);
                } else {
                    ResolvedInput withContent = fetch(position, input);
                    Path file = downloads.get(downloads.size() - 1);
                    prepared.add(new Source(withContent, () -> Files.newInputStream(file)));
                    fetched.add(withContent);
                }
            }
            resolved = fetched;
            files = prepared;
        }
        return files;
    }

    private ResolvedInput fetch(int position, ResolvedInput input) {
        try {
            InputDownloader.Download download = downloader.download(input.uri(), execution.id());
            downloads.add(download.file());
            executions.recordInputContent(execution.id(), position, download.size(), download.sha256());
            return input.withContent(download.size(), download.sha256());
        } catch (IOException | IllegalArgumentException e) {
            throw new PluginException("input-download-failed", "input '" + input.inputName() + "': "
                    + FailureText.of(e), e);
        }
    }

    @Override
    public Map<String, String> configFiles(String inputsDirectory) {
        inputs();
        return ConfigFiles.build(execution, project, resolved, inputsDirectory);
    }

    /** Deletes fetched inputs; called once the job has ended. */
    synchronized void cleanUp() {
        downloads.forEach(TemporaryFiles::deleteQuietly);
        downloads.clear();
    }

    private interface Opener {
        InputStream open() throws IOException;
    }

    private record Source(ResolvedInput input, Opener opener) implements InputFile {
        @Override
        public String inputName() {
            return input.inputName();
        }

        @Override
        public String fileName() {
            return input.fileName();
        }

        @Override
        public long size() {
            return input.size() == null ? -1 : input.size();
        }

        @Override
        public String sha256() {
            return input.sha256() == null ? "" : input.sha256();
        }

        @Override
        public InputStream open() throws IOException {
            return opener.open();
        }
    }
}
