package io.lathe.server.registry;

import io.lathe.server.data.Datum;
import io.lathe.server.data.DatumService;
import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.Ids;
import io.lathe.server.projects.Project;
import io.lathe.server.projects.ProjectService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The core datasets and models share: named collections of a project ({@link RegistryCollection}, one table for both
 * kinds) in immutable versions ({@link RegistryVersion}, one table, a subclass per kind), each version a set of the
 * project's datums ({@link RegistryVersionFile}, one table). It finds, lists and locks collections, adds versions
 * with their files, and reads a version's files by the key an input names ({@code dataset://name/key},
 * {@code model://name/key}). A kind
 * ({@link DatasetService}, {@link ModelRegistry}) adds what is its own: how a version is keyed (a name, a number),
 * and the rest of its version's state (a model's approval).
 *
 * <p>A version is added under a {@code PESSIMISTIC_WRITE} lock on its collection's row
 * ({@link #lockedForNewVersion}): concurrent versions of one collection queue, so a version's name is checked and
 * its number taken by one transaction at a time, with no gaps and no duplicates.
 *
 * @param <V> the kind's version entity
 */
@Transactional
public abstract class VersionedCollections<V extends RegistryVersion> {

    /**
     * What tells one kind from another.
     *
     * @param noun what users call one ({@code dataset}, {@code model}): the collection's kind, and what names the
     *     field, the error codes and the messages
     * @param versions the kind's version entity
     * @param oldestFirst the JPQL order of its versions ({@code v}), oldest first
     * @param newestFirst the same order reversed
     */
    protected record Kind<V>(String noun, Class<V> versions, String oldestFirst, String newestFirst) {
    }

    /** A collection as listed: its versions, oldest first. */
    public record Listed<V>(RegistryCollection collection, List<V> versions) {

        /** The newest version, or null when there is none. */
        public V latest() {
            return versions.isEmpty() ? null : versions.get(versions.size() - 1);
        }
    }

    @PersistenceContext(unitName = "lathe")
    EntityManager em;
    @Inject
    ProjectService projects;
    @Inject
    DatumService datumService;

    private final Kind<V> kind;

    protected VersionedCollections(Kind<V> kind) {
        this.kind = kind;
    }

    /** The version of {@code collection} that {@code key} names, if any. */
    protected abstract Optional<V> version(RegistryCollection collection, String key);

    /** Why no version has this key, when there is more to say than that there is none. */
    protected String missingVersionHint(String key) {
        return "";
    }

    /** @throws DomainException not found, for the project or the collection */
    public RegistryCollection get(String projectId, String name) {
        projects.get(projectId);
        return find(projectId, name).orElseThrow(() -> DomainException.notFound(kind.noun(), name));
    }

    /** A collection's versions, newest first. */
    public List<V> versions(RegistryCollection collection) {
        return em.createQuery("SELECT v FROM " + kind.versions().getSimpleName() + " v WHERE v.collectionId = :c"
                + " ORDER BY " + kind.newestFirst(), kind.versions()).setParameter("c", collection.id())
                .getResultList();
    }

    /** The version {@code key} names. @throws DomainException not found */
    public V version(String projectId, String name, String key) {
        RegistryCollection collection = get(projectId, name);
        return version(collection, key)
                .orElseThrow(() -> DomainException.notFound(kind.noun() + " version", name + "/" + key));
    }

    /** A version's files, by name. */
    public List<Datum> files(V version) {
        return em.createQuery("SELECT d FROM Datum d, RegistryVersionFile f WHERE f.versionId = :v"
                + " AND d.id = f.datumId ORDER BY d.name", Datum.class).setParameter("v", version.id())
                .getResultList();
    }

    /**
     * The files of the version an input names.
     *
     * @throws DomainException invalid, naming {@code field}, when the collection or the version does not exist
     */
    public List<Datum> files(String projectId, String name, String key, String field) {
        RegistryCollection collection = find(projectId, name).orElseThrow(() -> DomainException.invalid(
                "unknown-" + kind.noun(), "there is no " + kind.noun() + " '" + name + "' in this project", field));
        V version = version(collection, key).orElseThrow(() -> DomainException.invalid(
                "unknown-" + kind.noun() + "-version", kind.noun() + " '" + name + "' has no version '" + key + "'"
                        + missingVersionHint(key), field));
        return files(version);
    }

    /** The project's collections by name, each with its versions, in two queries. */
    protected List<Listed<V>> listed(String projectId) {
        projects.get(projectId);
        List<RegistryCollection> collections = em.createQuery("SELECT c FROM RegistryCollection c WHERE c.kind = :k"
                + " AND c.projectId = :p ORDER BY c.name", RegistryCollection.class).setParameter("k", kind.noun())
                .setParameter("p", projectId).getResultList();
        if (collections.isEmpty()) {
            return List.of();
        }
        Map<String, List<V>> versions = new LinkedHashMap<>();
        em.createQuery("SELECT v FROM " + kind.versions().getSimpleName() + " v WHERE v.collectionId IN :ids"
                        + " ORDER BY " + kind.oldestFirst(), kind.versions())
                .setParameter("ids", collections.stream().map(RegistryCollection::id).toList()).getResultStream()
                .forEach(v -> versions.computeIfAbsent(v.collectionId(), k -> new ArrayList<>()).add(v));
        return collections.stream().map(c -> new Listed<>(c, versions.getOrDefault(c.id(), List.of()))).toList();
    }

    /** @throws DomainException invalid, naming the field after the kind, when the name is not one */
    protected String checkedName(String name) {
        return RegistryNames.checked(name, kind.noun() + " name", kind.noun());
    }

    protected Optional<RegistryCollection> find(String projectId, String name) {
        return em.createQuery("SELECT c FROM RegistryCollection c WHERE c.kind = :k AND c.projectId = :p"
                        + " AND c.name = :n", RegistryCollection.class).setParameter("k", kind.noun())
                .setParameter("p", projectId).setParameter("n", name).getResultStream().findFirst();
    }

    /** The newest version of a collection, if it has any. */
    protected Optional<V> newest(RegistryCollection collection) {
        return em.createQuery("SELECT v FROM " + kind.versions().getSimpleName() + " v WHERE v.collectionId = :c"
                + " ORDER BY " + kind.newestFirst(), kind.versions()).setParameter("c", collection.id())
                .setMaxResults(1).getResultStream().findFirst();
    }

    /** The version whose attribute {@code attribute} of the version entity is {@code value}, if any. */
    protected Optional<V> versionWith(RegistryCollection collection, String attribute, Object value) {
        return em.createQuery("SELECT v FROM " + kind.versions().getSimpleName() + " v WHERE v.collectionId = :c"
                + " AND v." + attribute + " = :value", kind.versions()).setParameter("c", collection.id())
                .setParameter("value", value).getResultStream().findFirst();
    }

    /**
     * The collection a new version goes into, made when it is new, with its row locked until the transaction ends.
     * Check everything a user can get wrong before: a new collection is written here.
     */
    protected RegistryCollection lockedForNewVersion(String projectId, String name, String userId) {
        Optional<RegistryCollection> found = find(projectId, name);
        if (found.isEmpty()) {
            // A collection is made under its project's row lock (as task and execution numbers are taken), so two
            // first versions of one new name queue instead of colliding on the name's unique key.
            em.createQuery("SELECT p FROM Project p WHERE p.id = :p", Project.class).setParameter("p", projectId)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE).getSingleResult();
            found = find(projectId, name);
        }
        RegistryCollection collection = found.orElseGet(() -> {
            RegistryCollection made = new RegistryCollection(Ids.newId(), kind.noun(), projectId, name, userId,
                    System.currentTimeMillis());
            em.persist(made);
            em.flush();
            return made;
        });
        em.lock(collection, LockModeType.PESSIMISTIC_WRITE);
        return collection;
    }

    /** Records a new version and its files. */
    protected V add(V version, Collection<String> datumIds) {
        em.persist(version);
        for (String datumId : datumIds) {
            em.persist(new RegistryVersionFile(version.id(), datumId));
        }
        return version;
    }
}
