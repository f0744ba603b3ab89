package io.lathe.server.plugins.admin;

import io.lathe.server.auth.Access;
import io.lathe.server.auth.Caller;
import io.lathe.server.platform.DomainException;
import io.lathe.server.plugins.host.PluginDescription;
import io.lathe.server.plugins.host.PluginHost;
import io.lathe.server.plugins.points.PluginFaults;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/v1/admin/plugins}: admins list, upload (install or upgrade), enable, disable and uninstall plugins,
 * and see the faults recorded against each.
 * Each change answers its {@link PluginAdmin.Outcome} with the HTTP status that says what happened
 * ({@link #httpStatus}): whether it waits for a restart, and the plugin.
 */
@Path("admin/plugins")
@Produces(MediaType.APPLICATION_JSON)
public class AdminPluginResource {

    @Inject
    PluginHost host;
    @Inject
    PluginAdmin admin;

    @Inject
    PluginFaults faults;

    /** Every plugin, with how many faults are kept for it. */
    @GET
    @Access(Access.Rule.ADMIN)
    public List<PluginDescription> list() {
        Map<String, Long> counts = faults.counts();
        return host.describe().stream().map(p -> p.id() == null ? p
                : p.withFaults(counts.getOrDefault(p.id(), 0L), null)).toList();
    }

    /** One plugin, with its latest faults, latest first. */
    @GET
    @Path("{id}")
    @Access(Access.Rule.ADMIN)
    public PluginDescription get(@PathParam("id") String id) {
        PluginDescription plugin = host.describe().stream().filter(p -> id.equals(p.id())).findFirst()
                .orElseThrow(() -> DomainException.notFound("plugin", id));
        // Every kept fault: there are at most KEPT_PER_PLUGIN.
        List<PluginFaults.FaultView> kept = faults.latest(id, PluginFaults.KEPT_PER_PLUGIN);
        return plugin.withFaults(kept.size(), kept);
    }

    /** The plugin jar is the raw request body, streamed to a temporary file. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Access(Access.Rule.ADMIN)
    public Response upload(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
            @Context SecurityContext security) {
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw new DomainException(DomainException.Kind.UNSUPPORTED_CONTENT, "unsupported-media-type",
                    "send the plugin jar itself as the body (curl --data-binary @plugin.jar), not a multipart form",
                    "body");
        }
        return answer(admin.install(body, caller(security)));
    }

    /** What to install from an update site; without a version, the newest release this Lathe runs. */
    public record InstallRequest(String site, String id, String version) {
    }

    @POST
    @Path("install")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.ADMIN)
    public Response install(InstallRequest request, @Context SecurityContext security) {
        InstallRequest body = request == null ? new InstallRequest(null, null, null) : request;
        return answer(admin.installFromSite(body.site(), body.id(), body.version(), caller(security)));
    }

    @POST
    @Path("{id}/enable")
    @Access(Access.Rule.ADMIN)
    public Response enable(@PathParam("id") String id, @Context SecurityContext security) {
        return answer(admin.enable(id, caller(security)));
    }

    @POST
    @Path("{id}/disable")
    @Access(Access.Rule.ADMIN)
    public Response disable(@PathParam("id") String id, @Context SecurityContext security) {
        return answer(admin.disable(id, caller(security)));
    }

    @DELETE
    @Path("{id}")
    @Access(Access.Rule.ADMIN)
    public Response uninstall(@PathParam("id") String id, @Context SecurityContext security) {
        return answer(admin.uninstall(id, caller(security)));
    }

    /** A jar in the plugins folder that failed to load, by its file name (it has no plugin id). */
    @DELETE
    @Path("files/{file}")
    @Access(Access.Rule.ADMIN)
    public Response removeFailedFile(@PathParam("file") String file, @Context SecurityContext security) {
        return answer(admin.removeFailedFile(file, caller(security)));
    }

    /** A change's outcome as the API answers it, its status repeated in the body. */
    public record OutcomeView(int status, String message, boolean restartRequired, PluginDescription plugin) {
    }

    /** 201 for a plugin installed, 200 for a change made now (or nothing to do), 202 for one that waits a restart. */
    public static int httpStatus(PluginAdmin.Change change) {
        return switch (change) {
            case INSTALLED -> Response.Status.CREATED.getStatusCode();
            case CHANGED -> Response.Status.OK.getStatusCode();
            case RESTART_REQUIRED -> Response.Status.ACCEPTED.getStatusCode();
        };
    }

    private static Response answer(PluginAdmin.Outcome outcome) {
        int status = httpStatus(outcome.change());
        return Response.status(status)
                .entity(new OutcomeView(status, outcome.message(), outcome.restartRequired(), outcome.plugin()))
                .build();
    }

    private static Caller caller(SecurityContext security) {
        return (Caller) security.getUserPrincipal();
    }
}
