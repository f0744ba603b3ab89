package io.lathe.server.data;

import io.lathe.server.auth.Access;
import io.lathe.server.auth.Caller;
import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.LatheSettings;
import io.lathe.server.platform.Timestamps;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;

/** {@code /api/v1/datums}: search, upload; a datum's record, bytes (ranges too), lineage and deletion. */
@Path("datums")
public class DatumResource {

    @Inject
    DatumService datums;
    @Inject
    DatumLineage lineage;
    @Inject
    LatheSettings settings;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Access(value = Access.Rule.PROJECT_READ, param = "project")
    public DatumService.Page search(@QueryParam("project") String project, @QueryParam("name") String name,
            @QueryParam("tag") String tag, @QueryParam("alias") String alias,
            @QueryParam("execution") String execution, @QueryParam("created_after") String createdAfter,
            @QueryParam("created_before") String createdBefore, @QueryParam("min_size") Long minSize,
            @QueryParam("max_size") Long maxSize, @QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (project == null) {
            throw DomainException.invalid("missing-field", "give the project as ?project=<id>", "project");
        }
        if (limit < 1 || limit > 1000) {
            throw DomainException.invalid("invalid-limit", "limit must be between 1 and 1000", "limit");
        }
        if (alias != null) {
            return datums.searchAlias(project, alias);
        }
        return datums.search(new DatumQuery(project, blankToNull(name), blankToNull(tag), blankToNull(execution),
                Timestamps.epochMillis("created_after", createdAfter),
                Timestamps.epochMillis("created_before", createdBefore), minSize, maxSize,
                after == null ? null : DatumCursor.parse(after), limit));
    }

    /** Uploads the body as a datum: streamed to the project's data store and checksummed on the way. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Access(value = Access.Rule.PROJECT_WRITE, param = "project")
    public Response upload(@QueryParam("project") String project, @QueryParam("name") String name,
            @QueryParam("tag") List<String> tags, InputStream body, @Context SecurityContext security,
            @Context UriInfo uri) {
        Datum datum = datums.upload(project, name, tags, body, (Caller) security.getUserPrincipal());
        return Response.created(uri.getBaseUriBuilder().path("datums").path(datum.id()).build())
                .entity(datums.view(datum)).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Access(value = Access.Rule.PROJECT_READ, on = Access.On.DATUM)
    public DatumView get(@PathParam("id") String id) {
        return datums.view(datums.get(id));
    }

    /** Purges the bytes; the record stays, marked purged, so that lineage still reads. */
    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Access(value = Access.Rule.PROJECT_WRITE, on = Access.On.DATUM)
    public DatumView delete(@PathParam("id") String id, @Context SecurityContext security) {
        return datums.view(datums.purge(id, (Caller) security.getUserPrincipal()));
    }

    @GET
    @Path("{id}/lineage")
    @Produces(MediaType.APPLICATION_JSON)
    @Access(value = Access.Rule.PROJECT_READ, on = Access.On.DATUM)
    public DatumLineage.Graph lineage(@PathParam("id") String id) {
        return lineage.of(datums.get(id));
    }

    /**
     * Where to fetch the bytes: the store's presigned URL when it has them, else the download below, at the URL users
     * reach the server at ({@code LATHE_BASE_URL}): behind a proxy, this request's own address is not one they can use.
     */
    @GET
    @Path("{id}/download-url")
    @Produces(MediaType.APPLICATION_JSON)
    @Access(value = Access.Rule.PROJECT_READ, on = Access.On.DATUM)
    public DatumService.DownloadUrl downloadUrl(@PathParam("id") String id, @Context UriInfo uri) {
        URI api = settings.baseUrl().resolve(uri.getBaseUri().getRawPath().substring(1));
        return datums.downloadUrl(datums.get(id), api);
    }

    /** The bytes, streamed; a {@code Range: bytes=...} header asks for part of them (one range). */
    @GET
    @Path("{id}/download")
    @Access(value = Access.Rule.PROJECT_READ, on = Access.On.DATUM)
    public Response download(@PathParam("id") String id, @HeaderParam("Range") String range) {
        Datum datum = datums.get(id);
        ByteRange part = ByteRange.parse(range, datum.size());
        if (part == ByteRange.UNSATISFIABLE) {
            return Response.status(416).header("Content-Range", "bytes */" + datum.size()).build();
        }
        ByteRange served = part == null ? new ByteRange(0, datum.size()) : part;
        InputStream content = datums.open(datum, served.start());
        StreamingOutput body = out -> copy(content, out, served.length());
        String fileName = datum.fileName().replace("\"", "");
        Response.ResponseBuilder response = Response.status(part == null ? 200 : 206).entity(body)
                .type(datum.contentType())
                .header("Content-Length", served.length())
                .header("Accept-Ranges", "bytes")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .header("X-Checksum-Sha256", datum.sha256());
        if (part != null) {
            response.header("Content-Range", "bytes " + part.start() + "-" + (part.start() + part.length() - 1) + "/"
                    + datum.size());
        }
        return response.build();
    }

    private static void copy(InputStream content, OutputStream out, long length) throws IOException {
        try (InputStream in = content) {
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    break;
                }
                out.write(buffer, 0, read);
                left -= read;
            }
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
