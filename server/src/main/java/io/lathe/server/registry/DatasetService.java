package io.lathe.server.registry;

import io.lathe.server.data.Datum;
import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Datasets and their immutable, named versions. A version is made of datums of the project: given outright, or as
 * another version's files minus some (by name) plus new ones. {@code latest} names a dataset's newest version.
 */
@ApplicationScoped
@Transactional
public class DatasetService extends VersionedCollections<DatasetVersion> {

    public static final String LATEST = "latest";
    /** The kind of collection a dataset is. */
    static final String KIND = "dataset";

    /** What a new version is made of. */
    public record VersionSpec(String dataset, String version, List<String> datumIds, String from,
            List<String> exclude) {
    }

    /** A dataset as listed: its name, number of versions and newest version. */
    public record Summary(RegistryCollection dataset, long versions, DatasetVersion latest) {
    }

    public DatasetService() {
        // Newest by creation time, to the millisecond; the id orders versions made within one.
        super(new Kind<>(KIND, DatasetVersion.class, "v.createdAt, v.id", "v.createdAt DESC, v.id DESC"));
    }

    /**
     * Makes a new version, and the dataset when it does not exist yet.
     *
     * @throws DomainException invalid naming the field at fault; conflict {@code version-exists} when the dataset
     *     has a version of that name
     */
    public DatasetVersion createVersion(String projectId, VersionSpec spec, String executionId, String userId) {
        projects.get(projectId);
        String datasetName = checkedName(spec.dataset());
        String versionName = RegistryNames.checked(spec.version(), "version name", "version");
        if (versionName.equals(LATEST)) {
            throw DomainException.invalid("invalid-name", "'latest' always means the newest version; name the"
                    + " version otherwise", "version");
        }
        Set<String> excluded = excluded(spec.exclude());
        Set<String> files = new LinkedHashSet<>();
        if (spec.from() != null) {
            for (Datum datum : files(projectId, datasetName, spec.from(), "from")) {
                if (!excluded.contains(datum.name()) && !excluded.contains(datum.fileName())) {
                    files.add(datum.id());
                }
            }
        }
        files.addAll(datumService.usable(projectId, spec.datumIds(), "files"));
        if (files.isEmpty()) {
            throw DomainException.invalid("empty-version", "a dataset version needs at least one file", "files");
        }
        RegistryCollection dataset = lockedForNewVersion(projectId, datasetName, userId);
        if (version(dataset, versionName).isPresent()) {
            throw DomainException.conflict("version-exists", "dataset '" + datasetName + "' already has a version '"
                    + versionName + "'; versions never change, give the new one another name");
        }
        return add(new DatasetVersion(Ids.newId(), dataset.id(), versionName, executionId, userId,
                System.currentTimeMillis()), files);
    }

    /** The project's datasets, with counts and newest versions, in two queries. */
    public List<Summary> list(String projectId) {
        return listed(projectId).stream().map(listed -> new Summary(listed.collection(), listed.versions().size(),
                listed.latest())).toList();
    }

    @Override
    protected Optional<DatasetVersion> version(RegistryCollection dataset, String name) {
        return name.equals(LATEST) ? newest(dataset) : versionWith(dataset, "name", name);
    }

    private static Set<String> excluded(List<String> names) {
        if (names == null) {
            return Set.of();
        }
        if (names.stream().anyMatch(name -> name == null || name.isBlank())) {
            throw DomainException.invalid("invalid-exclude", "exclude lists the names of files to leave out of the"
                    + " version: none of them can be null or blank", "exclude");
        }
        return Set.copyOf(names);
    }
}
