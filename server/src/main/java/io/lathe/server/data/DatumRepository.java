package io.lathe.server.data;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.persistence.TypedQuery;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Reads and writes datums. */
@ApplicationScoped
@Transactional
public class DatumRepository {

    @PersistenceContext(unitName = "lathe")
    private EntityManager em;

    public Optional<Datum> find(String id) {
        return Optional.ofNullable(em.find(Datum.class, id));
    }

    @Transactional
    public void insert(Datum datum) {
        em.persist(datum);
    }

    /** What an execution produced, by path. */
    public List<Datum> producedBy(String executionId) {
        return em.createQuery("SELECT d FROM Datum d WHERE d.executionId = :e ORDER BY d.name", Datum.class)
                .setParameter("e", executionId).getResultList();
    }

    /** Attaches sidecar properties to the datum an execution produced at {@code name}; false if there is none. */
    @Transactional
    public boolean attachMetadata(String executionId, String name, JsonObject metadata) {
        return em.createQuery("UPDATE Datum d SET d.metadata = :m WHERE d.executionId = :e AND d.name = :n")
                .setParameter("m", metadata).setParameter("e", executionId).setParameter("n", name)
                .executeUpdate() > 0;
    }

    /**
     * One page of a search, newest first: one query, whose conditions each have an index to follow (project with
     * time, name, size; tags through their own index).
     */
    public List<Datum> search(DatumQuery query) {
        // With a tag, the tag's index gives the order (it holds the datums' creation times): the walk stops after
        // a page instead of probing every datum of the project for the tag.
        boolean byTag = query.tag() != null;
        String time = byTag ? "t.createdAt" : "d.createdAt";
        String id = byTag ? "t.datumId" : "d.id";
        StringBuilder jpql = new StringBuilder(byTag
                ? "SELECT d FROM DatumTag t, Datum d WHERE t.projectId = :project AND t.tag = :tag"
                        + " AND d.id = t.datumId AND d.projectId = :project"
                : "SELECT d FROM Datum d WHERE d.projectId = :project");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("project", query.projectId());
        if (byTag) {
            parameters.put("tag", query.tag());
        }
        if (query.namePrefix() != null) {
            // The range lets the (project, name) index find the prefix (LIKE cannot use it under every collation);
            // LIKE keeps the match exact.
            jpql.append(" AND d.name >= :nameFrom AND d.name < :nameTo AND d.name LIKE :name ESCAPE '!'");
            String prefix = query.namePrefix();
            parameters.put("nameFrom", prefix);
            parameters.put("nameTo", prefix.substring(0, prefix.length() - 1)
                    + (char) (prefix.charAt(prefix.length() - 1) + 1));
            parameters.put("name", prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (query.executionId() != null) {
            jpql.append(" AND d.executionId = :execution");
            parameters.put("execution", query.executionId());
        }
        if (query.createdFrom() != null) {
            jpql.append(" AND ").append(time).append(" >= :from");
            parameters.put("from", query.createdFrom());
        }
        if (query.createdUntil() != null) {
            jpql.append(" AND ").append(time).append(" < :until");
            parameters.put("until", query.createdUntil());
        }
        if (query.minSize() != null) {
            jpql.append(" AND d.size >= :minSize");
            parameters.put("minSize", query.minSize());
        }
        if (query.maxSize() != null) {
            jpql.append(" AND d.size <= :maxSize");
            parameters.put("maxSize", query.maxSize());
        }
        if (query.after() != null) {
            // The first condition alone is a range of the index; the second picks the exact place within it.
            jpql.append(" AND ").append(time).append(" <= :afterTime AND (").append(time).append(" < :afterTime OR ")
                    .append(id).append(" < :afterId)");
            parameters.put("afterTime", query.after().createdAt());
            parameters.put("afterId", query.after().id());
        }
        jpql.append(" ORDER BY ").append(time).append(" DESC, ").append(id).append(" DESC");
        TypedQuery<Datum> typed = em.createQuery(jpql.toString(), Datum.class).setMaxResults(query.limit());
        parameters.forEach(typed::setParameter);
        return typed.getResultList();
    }

    /** The tags of each of {@code datumIds}, sorted, in one query. */
    public Map<String, List<String>> tagsOf(Collection<String> datumIds) {
        if (datumIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("SELECT t FROM DatumTag t WHERE t.datumId IN :ids", DatumTag.class)
                .setParameter("ids", datumIds).getResultStream()
                .collect(Collectors.groupingBy(DatumTag::datumId, TreeMap::new,
                        Collectors.mapping(DatumTag::tag, Collectors.collectingAndThen(
                                Collectors.toCollection(TreeSet::new), List::copyOf))));
    }

    /** The aliases pointing at each of {@code datumIds} now, in one query. */
    public Map<String, List<String>> aliasesOf(Collection<String> datumIds) {
        if (datumIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("SELECT a FROM DatumAlias a WHERE a.datumId IN :ids ORDER BY a.name", DatumAlias.class)
                .setParameter("ids", datumIds).getResultStream()
                .collect(Collectors.groupingBy(DatumAlias::datumId,
                        Collectors.mapping(DatumAlias::name, Collectors.toList())));
    }

    /** Adds tags a datum does not have yet. */
    @Transactional
    public void addTags(Datum datum, Collection<String> tags) {
        List<String> existing = em.createQuery("SELECT t.tag FROM DatumTag t WHERE t.datumId = :d", String.class)
                .setParameter("d", datum.id()).getResultList();
        for (String tag : new TreeSet<>(tags)) {
            if (!existing.contains(tag)) {
                em.persist(new DatumTag(datum, tag));
            }
        }
    }

    public Optional<DatumAlias> alias(String projectId, String name) {
        return Optional.ofNullable(em.find(DatumAlias.class, new DatumAlias.Key(projectId, name)));
    }

    /** Points {@code name} at the datum, recording the change; the row is locked so concurrent repoints queue. */
    @Transactional
    public DatumAlias pointAlias(String projectId, String name, String datumId, String userId, long now) {
        DatumAlias alias = em.find(DatumAlias.class, new DatumAlias.Key(projectId, name),
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (alias == null) {
            alias = new DatumAlias(projectId, name, datumId, userId, now);
            em.persist(alias);
        } else {
            alias.repoint(datumId, userId, now);
        }
        em.persist(new DatumAliasChange(io.lathe.server.platform.Ids.newId(), projectId, name, datumId, userId, now));
        return alias;
    }

    /** Where the alias pointed, oldest first. */
    public List<DatumAliasChange> aliasHistory(String projectId, String name) {
        return em.createQuery("SELECT c FROM DatumAliasChange c WHERE c.projectId = :p AND c.name = :n"
                        + " ORDER BY c.changedAt, c.id", DatumAliasChange.class)
                .setParameter("p", projectId).setParameter("n", name).getResultList();
    }

    /** Marks the datum purged; false when it already was (someone else purged it first). */
    @Transactional
    public boolean markPurged(String datumId, long now) {
        return em.createQuery("UPDATE Datum d SET d.purgedAt = :now WHERE d.id = :id AND d.purgedAt IS NULL")
                .setParameter("now", now).setParameter("id", datumId).executeUpdate() > 0;
    }

    /** Reads the datum again, after a bulk update in this transaction changed its row. */
    public Datum reload(Datum datum) {
        em.refresh(datum);
        return datum;
    }

    /** The datums with these ids, in one query. */
    public List<Datum> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT d FROM Datum d WHERE d.id IN :ids", Datum.class).setParameter("ids", ids)
                .getResultList();
    }

    /** What the given executions produced, in one query. */
    public List<Datum> producedByAny(Collection<String> executionIds) {
        if (executionIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT d FROM Datum d WHERE d.executionId IN :ids ORDER BY d.name", Datum.class)
                .setParameter("ids", executionIds).getResultList();
    }

    /** The usernames of these users (nulls are skipped), by id, in one query: for showing who changed what. */
    public Map<String, String> usernames(Collection<String> userIds) {
        List<String> ids = userIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("SELECT u FROM User u WHERE u.id IN :ids", io.lathe.server.auth.User.class)
                .setParameter("ids", ids).getResultStream()
                .collect(Collectors.toMap(io.lathe.server.auth.User::id, io.lathe.server.auth.User::username));
    }

    /** The counters of these executions, by id, in one query: for showing "#12" where an id is stored. */
    public Map<String, Integer> executionCounters(Collection<String> executionIds) {
        if (executionIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("SELECT e.id, e.counter FROM Execution e WHERE e.id IN :ids", Object[].class)
                .setParameter("ids", executionIds).getResultStream()
                .collect(Collectors.toMap(row -> (String) row[0], row -> (Integer) row[1]));
    }
}
