package io.lathe.server.registry;

import io.lathe.server.audit.AuditLog;
import io.lathe.server.auth.Caller;
import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model registry: models with numbered versions, each pointing at datums, pending until the project's owner
 * approves or rejects them. {@code latest} and {@code latest-approved} name versions for inputs.
 */
@ApplicationScoped
@Transactional
public class ModelRegistry extends VersionedCollections<ModelVersion> {

    public static final String LATEST = "latest";
    public static final String LATEST_APPROVED = "latest-approved";

    /** The kind of collection a model is. */
    static final String KIND = "model";

    @Inject
    AuditLog audit;

    /** A model as listed: its number of versions, newest version and newest approved version. */
    public record Summary(RegistryCollection model, long versions, ModelVersion latest, ModelVersion latestApproved) {
    }

    public ModelRegistry() {
        super(new Kind<>(KIND, ModelVersion.class, "v.number", "v.number DESC"));
    }

    /**
     * Adds the next version of a model (making the model when it is new), pending a decision.
     *
     * @throws DomainException invalid, naming the field at fault
     */
    public ModelVersion createVersion(String projectId, String modelName, Collection<String> datumIds,
            String releaseNote, List<String> tags, String executionId, String userId) {
        projects.get(projectId);
        String name = checkedName(modelName);
        List<String> files = datumService.usable(projectId, datumIds, "files");
        if (files.isEmpty()) {
            throw DomainException.invalid("empty-version", "a model version needs at least one file", "files");
        }
        if (releaseNote != null && releaseNote.length() > 4000) {
            throw DomainException.invalid("too-long", "a release note is at most 4000 characters", "release_note");
        }
        RegistryCollection model = lockedForNewVersion(projectId, name, userId);
        Integer last = em.createQuery("SELECT MAX(v.number) FROM ModelVersion v WHERE v.collectionId = :m",
                Integer.class).setParameter("m", model.id()).getSingleResult();
        return add(new ModelVersion(Ids.newId(), model.id(), last == null ? 1 : last + 1, releaseNote, tags,
                executionId, userId, System.currentTimeMillis()), files);
    }

    /** The project's models with their newest and newest approved versions, in two queries. */
    public List<Summary> list(String projectId) {
        return listed(projectId).stream().map(listed -> {
            ModelVersion approved = null;
            for (ModelVersion version : listed.versions()) {
                if (version.state() == ModelVersion.State.APPROVED) {
                    approved = version;
                }
            }
            return new Summary(listed.collection(), listed.versions().size(), listed.latest(), approved);
        }).toList();
    }

    /**
     * Approves or rejects a version, recording who, when and why; the audit trail has the before and after.
     */
    public ModelVersion decide(String projectId, String modelName, String number, ModelVersion.State decision,
            String comment, Caller caller) {
        if (comment != null && comment.length() > 4000) {
            throw DomainException.invalid("too-long", "a comment is at most 4000 characters", "comment");
        }
        ModelVersion version = version(projectId, modelName, number);
        em.lock(version, LockModeType.PESSIMISTIC_WRITE);
        ModelVersion.State before = version.state();
        version.decide(decision, caller.userId(), System.currentTimeMillis(), comment);
        String action = decision == ModelVersion.State.APPROVED ? "model-version.approve" : "model-version.reject";
        audit.record(caller.username(), action, "model://" + modelName + "/" + version.number(),
                Map.of("project", projectId, "before", before.apiName(), "after", decision.apiName(),
                        "comment", comment == null ? "" : comment));
        return version;
    }

    /** Version {@code number}, or {@code latest}, or {@code latest-approved}. */
    @Override
    protected Optional<ModelVersion> version(RegistryCollection model, String number) {
        if (number.equals(LATEST)) {
            return newest(model);
        }
        if (number.equals(LATEST_APPROVED)) {
            return em.createQuery("SELECT v FROM ModelVersion v WHERE v.collectionId = :m AND v.state = :approved"
                    + " ORDER BY v.number DESC", ModelVersion.class).setParameter("m", model.id())
                    .setParameter("approved", ModelVersion.State.APPROVED).setMaxResults(1).getResultStream()
                    .findFirst();
        }
        if (!number.matches("\\d{1,9}")) {
            return Optional.empty();
        }
        return versionWith(model, "number", Integer.parseInt(number));
    }

    @Override
    protected String missingVersionHint(String number) {
        return number.equals(LATEST_APPROVED) ? " (no version is approved yet)" : "";
    }
}
