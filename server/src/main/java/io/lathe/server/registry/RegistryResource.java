package io.lathe.server.registry;

import io.lathe.server.auth.Caller;
import jakarta.inject.Inject;
import java.util.List;

/**
 * What the datasets' and the models' resources answer alike: the project's collections, one collection with its
 * versions, and one version ({@code latest} and the kind's other keys included), each as {@link RegistryViews}
 * shows it, and making a version. A subclass names the views of its kind, makes its versions from its own body, and
 * declares the endpoints, each calling the method here; a model's approval is its own. The endpoints are declared
 * on the subclasses, not inherited from here: this class would then carry JAX-RS annotations, and Jersey, handed it
 * as a resource, would warn at every start that it cannot make an abstract class.
 *
 * @param <S> a collection as listed
 * @param <D> a collection with its versions
 * @param <V> a version with its files
 * @param <B> the body that makes a version
 */
public abstract class RegistryResource<S, D, V, B> {

    /** The kind's list of collections. */
    @FunctionalInterface
    protected interface Summaries<S> {
        List<S> of(RegistryViews views, String projectId);
    }

    /** The kind's view of one collection. */
    @FunctionalInterface
    protected interface Detail<D> {
        D of(RegistryViews views, String projectId, String name);
    }

    /** The kind's view of one version. */
    @FunctionalInterface
    protected interface VersionDetail<V> {
        V of(RegistryViews views, String projectId, String name, String version);
    }

    @Inject
    RegistryViews views;

    private final Summaries<S> summaries;
    private final Detail<D> detail;
    private final VersionDetail<V> versionDetail;

    protected RegistryResource(Summaries<S> summaries, Detail<D> detail, VersionDetail<V> versionDetail) {
        this.summaries = summaries;
        this.detail = detail;
        this.versionDetail = versionDetail;
    }

    /**
     * Makes a version from the request's body (null when there is none).
     *
     * @return the new version's name
     */
    protected abstract String create(String projectId, String name, B body, String userId);

    protected List<S> listing(String projectId) {
        return summaries.of(views, projectId);
    }

    protected D collection(String projectId, String name) {
        return detail.of(views, projectId, name);
    }

    /** A version by its key: a dataset version's name, a model version's number, or the kind's {@code latest...}. */
    protected V versionView(String projectId, String name, String version) {
        return versionDetail.of(views, projectId, name, version);
    }

    /** Makes a version, and shows it as {@code GET} does. */
    protected V createdVersion(String projectId, String name, B body, Caller caller) {
        return versionDetail.of(views, projectId, name, create(projectId, name, body, caller.userId()));
    }
}
