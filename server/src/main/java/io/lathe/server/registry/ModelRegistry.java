package io.lathe.server.registry;

import io.lathe.server.platform.DomainException;
import io.lathe.server.audit.AuditLog;
import io.lathe.server.auth.Caller;
import io.lathe.server.data.Datum;
import io.lathe.server.data.DatumService;
import io.lathe.server.platform.Ids;
import io.lathe.server.projects.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
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
 * The model registry: models with numbered versions, each pointing at datums, pending until the project's owner
 * approves or rejects them. {@code latest} and {@code latest-approved} name versions for inputs.
 */
@ApplicationScoped
@Transactional
public class ModelRegistry {

    public static final String LATEST = "latest";
    public static final String LATEST_APPROVED = "latest-approved";

    @PersistenceContext(unitName = "lathe")
    private EntityManager em;
    @Inject
    ProjectService projects;
    @Inject
    DatumService datumService;
    @Inject
    AuditLog audit;

    /** A model as listed: its number of versions, newest version and newest approved version. */
    public record Summary(Model model, long versions, ModelVersion latest, ModelVersion latestApproved) {
    }

    /**
     * Adds the next version of a model (making the model when it is new), pending a decision.
     *
     * @throws DomainException 400 naming the field at fault
     */
    public ModelVersion createVersion(String projectId, String modelName, Collection<String> datumIds,
            String releaseNote, List<String> tags, String executionId, String userId) {
        projects.get(projectId);
        String name = RegistryNames.checked(modelName, "model name", "model");
        List<String> files = datumService.usable(projectId, datumIds, "files");
        if (files.isEmpty()) {
            throw DomainException.invalid("empty-version", "a model version needs at least one file", "files");
        }
        if (releaseNote != null && releaseNote.length() > 4000) {
            throw DomainException.invalid("too-long", "a release note is at most 4000 characters", "release_note");
        }
        Model model = find(projectId, name).orElseGet(() -> {
            Model created = new Model(Ids.newId(), projectId, name, userId, System.currentTimeMillis());
            em.persist(created);
            em.flush();
            return created;
        });
        // The model's row is locked while the next number is taken: concurrent versions queue, never collide.
        em.lock(model, LockModeType.PESSIMISTIC_WRITE);
        Integer last = em.createQuery("SELECT MAX(v.number) FROM ModelVersion v WHERE v.modelId = :m", Integer.class)
                .setParameter("m", model.id()).getSingleResult();
        ModelVersion version = new ModelVersion(Ids.newId(), model.id(), last == null ? 1 : last + 1, releaseNote,
                tags, executionId, userId, System.currentTimeMillis());
        em.persist(version);
        for (String datumId : files) {
            em.persist(new ModelVersionFile(version.id(), datumId));
        }
        return version;
    }

    /** The project's models with their newest and newest approved versions, in two queries. */
    public List<Summary> list(String projectId) {
        projects.get(projectId);
        List<Model> models = em.createQuery("SELECT m FROM Model m WHERE m.projectId = :p ORDER BY m.name",
                Model.class).setParameter("p", projectId).getResultList();
        if (models.isEmpty()) {
            return List.of();
        }
        Map<String, List<ModelVersion>> versions = new LinkedHashMap<>();
        em.createQuery("SELECT v FROM ModelVersion v WHERE v.modelId IN :ids ORDER BY v.number", ModelVersion.class)
                .setParameter("ids", models.stream().map(Model::id).toList()).getResultStream()
                .forEach(v -> versions.computeIfAbsent(v.modelId(), k -> new ArrayList<>()).add(v));
        return models.stream().map(m -> {
            List<ModelVersion> of = versions.getOrDefault(m.id(), List.of());
            ModelVersion approved = null;
            for (ModelVersion v : of) {
                if (v.state() == ModelVersion.State.APPROVED) {
                    approved = v;
                }
            }
            return new Summary(m, of.size(), of.isEmpty() ? null : of.get(of.size() - 1), approved);
        }).toList();
    }

    public Model get(String projectId, String name) {
        projects.get(projectId);
        return find(projectId, name).orElseThrow(() -> DomainException.notFound("model", name));
    }

    /** A model's versions, newest first. */
    public List<ModelVersion> versions(Model model) {
        return em.createQuery("SELECT v FROM ModelVersion v WHERE v.modelId = :m ORDER BY v.number DESC",
                ModelVersion.class).setParameter("m", model.id()).getResultList();
    }

    /** Version {@code number}, or {@code latest}, or {@code latest-approved}. */
    public ModelVersion version(String projectId, String modelName, String number) {
        Model model = get(projectId, modelName);
        return version(model, number)
                .orElseThrow(() -> DomainException.notFound("model version", modelName + "/" + number));
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

    /** The files of a version, for an input {@code model://name/<number|latest|latest-approved>}. */
    public List<Datum> files(String projectId, String modelName, String number, String field) {
        Model model = find(projectId, modelName).orElseThrow(() -> DomainException.invalid("unknown-model",
                "there is no model '" + modelName + "' in this project", field));
        ModelVersion version = version(model, number).orElseThrow(() -> DomainException.invalid(
                "unknown-model-version", "model '" + modelName + "' has no version '" + number + "'"
                        + (number.equals(LATEST_APPROVED) ? " (no version is approved yet)" : ""), field));
        return files(version);
    }

    public List<Datum> files(ModelVersion version) {
        return em.createQuery("SELECT d FROM Datum d, ModelVersionFile f WHERE f.versionId = :v"
                + " AND d.id = f.datumId ORDER BY d.name", Datum.class).setParameter("v", version.id())
                .getResultList();
    }

    private Optional<Model> find(String projectId, String name) {
        return em.createQuery("SELECT m FROM Model m WHERE m.projectId = :p AND m.name = :n", Model.class)
                .setParameter("p", projectId).setParameter("n", name).getResultStream().findFirst();
    }

    private Optional<ModelVersion> version(Model model, String number) {
        if (number.equals(LATEST) || number.equals(LATEST_APPROVED)) {
            String approved = number.equals(LATEST_APPROVED) ? " AND v.state = :approved" : "";
            var query = em.createQuery("SELECT v FROM ModelVersion v WHERE v.modelId = :m" + approved
                    + " ORDER BY v.number DESC", ModelVersion.class).setParameter("m", model.id()).setMaxResults(1);
            if (!approved.isEmpty()) {
                query.setParameter("approved", ModelVersion.State.APPROVED);
            }
            return query.getResultStream().findFirst();
        }
        if (!number.matches("\\d{1,9}")) {
            return Optional.empty();
        }
        return em.createQuery("SELECT v FROM ModelVersion v WHERE v.modelId = :m AND v.number = :n",
                ModelVersion.class).setParameter("m", model.id()).setParameter("n", Integer.parseInt(number))
                .getResultStream().findFirst();
    }
}
