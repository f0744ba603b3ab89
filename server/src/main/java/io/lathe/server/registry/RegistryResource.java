package io.lathe.server.registry;

import io.lathe.server.auth.Access;
import io.lathe.server.auth.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * What the datasets' and the models' resources answer alike: the project's collections, one collection with its
 * versions, and one version ({@code latest} and the kind's other keys included), each as {@link RegistryViews}
 * shows it, and making a version. A subclass names the views of its kind and makes its versions from its own body;
 * a model's approval is its own. The methods declare what they produce: JAX-RS reads a class's {@code @Produces} only
 * from the class that has the {@code @Path}.
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

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.PROJECT_READ)
    public List<S> list(@PathParam("id") String projectId) {
        return summaries.of(views, projectId);
    }

    @GET
    @Path("{name}")
    @Produces(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.PROJECT_READ)
    public D get(@PathParam("id") String projectId, @PathParam("name") String name) {
        return detail.of(views, projectId, name);
    }

    /** A version by its key: a dataset version's name, a model version's number, or the kind's {@code latest...}. */
    @GET
    @Path("{name}/versions/{version}")
    @Produces(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.PROJECT_READ)
    public V version(@PathParam("id") String projectId, @PathParam("name") String name,
            @PathParam("version") String version) {
        return versionDetail.of(views, projectId, name, version);
    }

    /** Makes a version: {@code 201} with it as {@code GET} shows it. */
    @POST
    @Path("{name}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.PROJECT_WRITE)
    public Response createVersion(@PathParam("id") String projectId, @PathParam("name") String name, B body,
            @Context SecurityContext security) {
        String version = create(projectId, name, body, ((Caller) security.getUserPrincipal()).userId());
        return Response.status(Response.Status.CREATED).entity(versionDetail.of(views, projectId, name, version))
                .build();
    }
}
