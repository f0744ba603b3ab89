package io.lathe.server.registry;

import io.lathe.server.platform.DomainException;
import io.lathe.server.data.Datum;
import io.lathe.server.data.DatumService;
import io.lathe.server.platform.Ids;
import io.lathe.server.projects.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Datasets and their immutable versions. A version is made of datums of the project: given outright, or as another
 * version's files minus some (by name) plus new ones. {@code latest} names a dataset's newest version.
 */
@ApplicationScoped
@Transactional
public class DatasetService {

    public static final String LATEST = "latest";

    @PersistenceContext(unitName = "lathe")
    private EntityManager em;
    @Inject
    ProjectService projects;
    @Inject
    DatumService datumService;

    /** What a new version is made of. */
    public record VersionSpec(String dataset, String version, List<String> datumIds, String from,
            List<String> exclude) {
    }

    /** A dataset as listed: its name, number of versions and newest version. */
    public record Summary(Dataset dataset, long versions, DatasetVersion latest) {
    }

    /**
     * Makes a new version, and the dataset when it does not exist yet.
     *
     * @throws DomainException 400 naming the field at fault; 409 when the version exists
     */
    public DatasetVersion createVersion(String projectId, VersionSpec spec, String executionId, String userId) {
        projects.get(projectId);
        String datasetName = RegistryNames.checked(spec.dataset(), "dataset name", "dataset");
        String versionName = RegistryNames.checked(spec.version(), "version name", "version");
        if (versionName.equals(LATEST)) {
            throw DomainException.invalid("invalid-name", "'latest' always means the newest version; name the"
                    + " version otherwise", "version");
        }
        Set<String> files = new LinkedHashSet<>();
        if (spec.from() != null) {
            Set<String> excluded = Set.copyOf(spec.exclude() == null ? List.of() : spec.exclude());
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
        Dataset dataset = find(projectId, datasetName).orElseGet(() -> {
            Dataset created = new Dataset(Ids.newId(), projectId, datasetName, userId, System.currentTimeMillis());
            em.persist(created);
            return created;
        });
        if (version(dataset, versionName).isPresent()) {
            throw DomainException.conflict("version-exists", "dataset '" + datasetName + "' already has a version '"
                    + versionName + "'; versions never change, give the new one another name");
        }
        DatasetVersion version = new DatasetVersion(Ids.newId(), dataset.id(), versionName, executionId, userId,
                System.currentTimeMillis());
        em.persist(version);
        for (String datumId : files) {
            em.persist(new DatasetVersionFile(version.id(), datumId));
        }
        return version;
    }

    /** The project's datasets, with counts and newest versions, in two queries. */
    public List<Summary> list(String projectId) {
        projects.get(projectId);
        List<Dataset> datasets = em.createQuery("SELECT d FROM Dataset d WHERE d.projectId = :p ORDER BY d.name",
                Dataset.class).setParameter("p", projectId).getResultList();
        if (datasets.isEmpty()) {
            return List.of();
        }
        Map<String, List<DatasetVersion>> versions = new LinkedHashMap<>();
        em.createQuery("SELECT v FROM DatasetVersion v WHERE v.datasetId IN :ids ORDER BY v.createdAt, v.id",
                        DatasetVersion.class)
                .setParameter("ids", datasets.stream().map(Dataset::id).toList()).getResultStream()
                .forEach(v -> versions.computeIfAbsent(v.datasetId(), k -> new ArrayList<>()).add(v));
        return datasets.stream().map(d -> {
            List<DatasetVersion> of = versions.getOrDefault(d.id(), List.of());
            return new Summary(d, of.size(), of.isEmpty() ? null : of.get(of.size() - 1));
        }).toList();
    }

    public Dataset get(String projectId, String name) {
        projects.get(projectId);
        return find(projectId, name).orElseThrow(() -> DomainException.notFound("dataset", name));
    }

    /** A dataset's versions, newest first. */
    public List<DatasetVersion> versions(Dataset dataset) {
        return em.createQuery("SELECT v FROM DatasetVersion v WHERE v.datasetId = :d ORDER BY v.createdAt DESC,"
                + " v.id DESC", DatasetVersion.class).setParameter("d", dataset.id()).getResultList();
    }

    public DatasetVersion version(String projectId, String datasetName, String versionName) {
        Dataset dataset = get(projectId, datasetName);
        return version(dataset, versionName)
                .orElseThrow(() -> DomainException.notFound("dataset version", datasetName + "/" + versionName));
    }

    /** The files of a version ({@code latest}: the newest), by name. */
    public List<Datum> files(String projectId, String datasetName, String versionName, String field) {
        Dataset dataset = find(projectId, datasetName).orElseThrow(() -> DomainException.invalid("unknown-dataset",
                "there is no dataset '" + datasetName + "' in this project", field));
        DatasetVersion version = version(dataset, versionName).orElseThrow(() -> DomainException.invalid(
                "unknown-dataset-version", "dataset '" + datasetName + "' has no version '" + versionName + "'",
                field));
        return files(version);
    }

    public List<Datum> files(DatasetVersion version) {
        return em.createQuery("SELECT d FROM Datum d, DatasetVersionFile f WHERE f.versionId = :v"
                + " AND d.id = f.datumId ORDER BY d.name", Datum.class).setParameter("v", version.id())
                .getResultList();
    }

    private Optional<Dataset> find(String projectId, String name) {
        return em.createQuery("SELECT d FROM Dataset d WHERE d.projectId = :p AND d.name = :n", Dataset.class)
                .setParameter("p", projectId).setParameter("n", name).getResultStream().findFirst();
    }

    private Optional<DatasetVersion> version(Dataset dataset, String name) {
        if (name.equals(LATEST)) {
            return em.createQuery("SELECT v FROM DatasetVersion v WHERE v.datasetId = :d ORDER BY v.createdAt DESC,"
                    + " v.id DESC", DatasetVersion.class).setParameter("d", dataset.id()).setMaxResults(1)
                    .getResultStream().findFirst();
        }
        return em.createQuery("SELECT v FROM DatasetVersion v WHERE v.datasetId = :d AND v.name = :n",
                DatasetVersion.class).setParameter("d", dataset.id()).setParameter("n", name).getResultStream()
                .findFirst();
    }
}
