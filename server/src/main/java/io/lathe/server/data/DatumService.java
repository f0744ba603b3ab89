package io.lathe.server.data;

import io.lathe.plugin.api.storage.StorageBackend;
import io.lathe.server.audit.AuditLog;
import io.lathe.server.auth.Caller;
import io.lathe.server.instances.LiveInstances;
import io.lathe.server.plugins.points.ExtensionPoints;
import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.HashingInputStream;
import io.lathe.server.platform.Ids;
import io.lathe.server.projects.Project;
import io.lathe.server.projects.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.io.InputStream;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns bytes into datums: streams them into a data store while computing their SHA-256, then records them. A
 * failed store records nothing; a datum is recorded only once its bytes are stored.
 */
@ApplicationScoped
public class DatumService {

    @Inject
    DatumRepository datums;
    @Inject
    LiveInstances instances;
    @Inject
    ProjectService projects;
    @Inject
    AuditLog audit;
    @Inject
    LineageExecutions lineageExecutions;

    /** Alias names: readable words, never something that could be taken for a datum's id. */
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final Pattern TAG = Pattern.compile("[^\\p{Cntrl}]{1,200}");
    private static final Pattern EXECUTION_COUNTER = Pattern.compile("#?(\\d{1,9})");
    private static final int MAX_NAME_LENGTH = 1000;

    /** A page of search results and the token for the next page, or null at the end. */
    public record Page(List<DatumView> items, @jakarta.json.bind.annotation.JsonbNillable String next) {
    }

    /** Stores one file an execution produced. */
    public Datum storeOutput(String projectId, String store, String executionId, String creatorId, String path,
            InputStream content) {
        Objects.requireNonNull(path, "path");
        String id = Ids.newId();
        String key = "projects/" + projectId + "/datums/" + id;
        StorageBackend backend = instances.get(ExtensionPoints.STORAGE, store, executionId);
        HashingInputStream hashing = new HashingInputStream(content);
        backend.put(key, hashing, -1);
        Datum datum = new Datum(id, projectId, path, hashing.count(), hashing.sha256(), contentType(path), store, key,
                executionId, creatorId, System.currentTimeMillis());
        datums.insert(datum);
        return datum;
    }

    /**
     * Stores an uploaded file as a datum of the project, in its default store, with tags.
     *
     * @throws DomainException 400 naming {@code name} or {@code tag} when they are not usable
     */
    public Datum upload(String projectId, String name, Collection<String> tags, InputStream content, Caller caller) {
        Project project = projects.get(projectId);
        String path = checkedName(name);
        tags.forEach(DatumService::checkedTag);
        Datum datum = storeOutput(project.id(), project.defaultStore(), null, caller.userId(), path, content);
        if (!tags.isEmpty()) {
            datums.addTags(datum, tags);
        }
        return datum;
    }

    /** A page of a project's datums, newest first, with their tags and aliases (two more queries for the page). */
    public Page search(DatumQuery query) {
        projects.get(query.projectId());
        List<Datum> found = datums.search(new DatumQuery(query.projectId(), query.namePrefix(), query.tag(),
                executionId(query.projectId(), query.executionId()), query.createdFrom(), query.createdUntil(), query.minSize(), query.maxSize(),
                query.after(), query.limit() + 1));
        boolean more = found.size() > query.limit();
        List<Datum> page = more ? found.subList(0, query.limit()) : found;
        return new Page(views(page), more ? DatumCursor.after(page.get(page.size() - 1)).token() : null);
    }

    /**
     * The id of the execution a search names: an id as given, or a counter ({@code #12} as the console shows it, or
     * {@code 12}) looked up in the project; an unknown counter is a 400, so a typo does not read as "no data".
     */
    private String executionId(String projectId, String execution) {
        if (execution == null) {
            return null;
        }
        Matcher counter = EXECUTION_COUNTER.matcher(execution);
        if (!counter.matches()) {
            return execution;
        }
        return lineageExecutions.idOf(projectId, Integer.parseInt(counter.group(1))).orElseThrow(() ->
                DomainException.invalid("unknown-execution", "this project has no execution #" + counter.group(1),
                        "execution"));
    }

    /** The datum an alias points at now, as a one-item page (empty when there is no such alias). */
    public Page searchAlias(String projectId, String alias) {
        projects.get(projectId);
        return new Page(datums.alias(projectId, alias).flatMap(a -> datums.find(a.datumId()))
                .map(d -> views(List.of(d))).orElse(List.of()), null);
    }

    /** The counters of the executions that made datums ({@link DatumView#outputExecution()}), by id: "#12" to show. */
    public Map<String, Integer> executionCounters(Collection<String> executionIds) {
        return datums.executionCounters(executionIds);
    }

    public DatumView view(Datum datum) {
        return views(List.of(datum)).get(0);
    }

    /** The views of these datums with their tags and aliases, in two more queries. */
    public List<DatumView> views(List<Datum> page) {
        List<String> ids = page.stream().map(Datum::id).toList();
        Map<String, List<String>> tags = datums.tagsOf(ids);
        Map<String, List<String>> aliases = datums.aliasesOf(ids);
        return page.stream().map(d -> DatumView.of(d, tags.getOrDefault(d.id(), List.of()),
                aliases.getOrDefault(d.id(), List.of()))).toList();
    }

    /**
     * Deletes the datum's bytes from its store and marks the record purged; the record stays so that lineage still
     * reads. The bytes go first: a failure leaves the datum as it was, and deleting again finishes the job.
     */
    @Transactional
    public Datum purge(String id, Caller caller) {
        Datum datum = get(id);
        if (datum.isPurged()) {
            return datum;
        }
        instances.get(ExtensionPoints.STORAGE, datum.store()).delete(datum.storageKey());
        if (datums.markPurged(datum.id(), System.currentTimeMillis())) {
            audit.record(caller.username(), "datum.delete", "datum://" + datum.id(),
                    Map.of("project", datum.projectId(), "name", datum.name(), "sha256", datum.sha256()));
        }
        return datums.reload(datum);
    }

    /** Points a project's alias at one of its datums, recording who and when; the audit log has it too. */
    @Transactional
    public DatumAlias pointAlias(String projectId, String name, String datumId, Caller caller) {
        projects.get(projectId);
        checkedAlias(name);
        Datum datum = (datumId != null && Ids.isId(datumId) ? datums.find(datumId) : Optional.<Datum>empty())
                .filter(d -> d.projectId().equals(projectId))
                .orElseThrow(() -> DomainException.invalid("unknown-datum", "there is no datum '" + datumId
                        + "' in this project", "datum"));
        if (datum.isPurged()) {
            throw DomainException.invalid("purged-datum", "datum '" + datumId + "' was deleted; an alias cannot"
                    + " point at it", "datum");
        }
        String before = datums.alias(projectId, name).map(DatumAlias::datumId).orElse(null);
        DatumAlias alias = datums.pointAlias(projectId, name, datum.id(), caller.userId(), System.currentTimeMillis());
        audit.record(caller.username(), "datum-alias.point", "datum://" + name,
                Map.of("project", projectId, "before", before == null ? "" : before, "after", datum.id()));
        return alias;
    }

    public DatumAlias alias(String projectId, String name) {
        projects.get(projectId);
        return datums.alias(projectId, name).orElseThrow(() -> DomainException.notFound("datum alias", name));
    }

    /**
     * Applies what an output's properties reserve: {@code valohai.tags} (a list of strings) tag the datum and
     * {@code valohai.alias} (a string) points an alias at it. Values of another shape are left as plain properties.
     */
    @Transactional
    public void applyReservedProperties(Datum datum, JsonObject properties, String userId) {
        if (properties.get("valohai.tags") instanceof JsonArray list) {
            List<String> tags = new ArrayList<>();
            for (JsonValue value : list) {
                if (value instanceof JsonString tag && TAG.matcher(tag.getString()).matches()) {
                    tags.add(tag.getString());
                }
            }
            datums.addTags(datum, tags);
        }
        if (properties.get("valohai.alias") instanceof JsonString alias && ALIAS.matcher(alias.getString()).matches()
                && !Ids.isId(alias.getString())) {
            datums.pointAlias(datum.projectId(), alias.getString(), datum.id(), userId, System.currentTimeMillis());
        }
    }

    /**
     * The datum {@code datum://<idOrAlias>} names in the project: by id, or by the alias' current target.
     */
    public Optional<Datum> resolve(String projectId, String idOrAlias) {
        if (Ids.isId(idOrAlias)) {
            return datums.find(idOrAlias).filter(d -> d.projectId().equals(projectId));
        }
        return datums.alias(projectId, idOrAlias).flatMap(a -> datums.find(a.datumId()));
    }

    /**
     * The ids, checked to be datums of the project that are not purged (one query), without repeats.
     *
     * @throws DomainException 400 naming {@code field} at the first that is not
     */
    public List<String> usable(String projectId, Collection<String> ids, String field) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        List<String> wellFormed = ids.stream().filter(id -> id != null && Ids.isId(id)).distinct().toList();
        Map<String, Datum> found = new java.util.HashMap<>();
        datums.findAll(wellFormed).forEach(d -> found.put(d.id(), d));
        for (String id : ids) {
            Datum datum = found.get(id);
            if (datum == null || !datum.projectId().equals(projectId)) {
                throw DomainException.invalid("unknown-datum", "there is no datum '" + id + "' in this project",
                        field);
            }
            if (datum.isPurged()) {
                throw DomainException.invalid("purged-datum", "datum '" + id + "' was deleted", field);
            }
        }
        return wellFormed;
    }

    static String checkedAlias(String name) {
        if (name == null || !ALIAS.matcher(name).matches() || Ids.isId(name)) {
            throw DomainException.invalid("invalid-alias", "an alias is 1 to 200 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit, and is not shaped like a datum id", "name");
        }
        return name;
    }

    static String checkedTag(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw DomainException.invalid("invalid-tag", "a tag is 1 to 200 characters without control characters",
                    "tag");
        }
        return tag;
    }

    static String checkedName(String name) {
        if (name == null || name.isBlank()) {
            throw DomainException.invalid("missing-field", "give the file's name as ?name=<path>", "name");
        }
        String path = name.strip();
        boolean escapes = path.startsWith("/") || path.contains("\\") || path.chars().anyMatch(Character::isISOControl)
                || java.util.Arrays.asList(path.split("/")).stream().anyMatch(s -> s.isEmpty() || s.equals(".")
                        || s.equals(".."));
        if (escapes || path.length() > MAX_NAME_LENGTH) {
            throw DomainException.invalid("invalid-name", "the name must be a relative path of at most "
                    + MAX_NAME_LENGTH + " characters, without '.', '..', empty segments, backslashes or control"
                    + " characters", "name");
        }
        return path;
    }

    public Datum get(String id) {
        return (Ids.isId(id) ? datums.find(id) : java.util.Optional.<Datum>empty())
                .orElseThrow(() -> DomainException.notFound("datum", id));
    }

    /** Where to fetch a datum's bytes: a presigned URL of its store, or else Lathe's own download (needs a token). */
    public record DownloadUrl(String url, @jakarta.json.bind.annotation.JsonbProperty("expires_at")
            @jakarta.json.bind.annotation.JsonbNillable java.time.Instant expiresAt, boolean presigned) {
    }

    static final java.time.Duration PRESIGNED_VALIDITY = java.time.Duration.ofHours(1);

    /**
     * A URL for the datum's bytes. Stores that presign (S3) give one valid for an hour that needs no token, so big
     * files go straight from the store to the client; others get the API's download path.
     */
    public DownloadUrl downloadUrl(Datum datum, java.net.URI apiBase) {
        if (datum.isPurged()) {
            open(datum, 0);
        }
        java.time.Instant now = java.time.Instant.now();
        return instances.get(ExtensionPoints.STORAGE, datum.store()).presignedDownload(datum.storageKey(), PRESIGNED_VALIDITY)
                .map(url -> new DownloadUrl(url.toString(), now.plus(PRESIGNED_VALIDITY), true))
                .orElseGet(() -> new DownloadUrl(apiBase.resolve("datums/" + datum.id() + "/download").toString(),
                        null, false));
    }

    /** The datum's bytes from {@code offset} on; the caller closes the stream. */
    public InputStream open(Datum datum, long offset) {
        if (datum.isPurged()) {
            throw new DomainException(DomainException.Kind.GONE, "purged",
                    "datum '" + datum.id() + "' was deleted; its record remains for lineage", null);
        }
        return instances.get(ExtensionPoints.STORAGE, datum.store()).open(datum.storageKey(), offset);
    }

    static String contentType(String path) {
        String guessed = URLConnection.guessContentTypeFromName(path);
        return guessed == null ? "application/octet-stream" : guessed;
    }
}
