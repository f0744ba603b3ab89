package io.lathe.server.data;

import io.lathe.server.auth.Access;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;

/** {@code /api/v1/datums/{id}}: a datum's record, and its bytes streamed. */
@Path("datums/{id}")
public class DatumResource {

    @Inject
    DatumService datums;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Access(value = Access.Rule.PROJECT_READ, on = Access.On.DATUM)
    public DatumView get(@PathParam("id") String id) {
        return DatumView.of(datums.get(id));
    }

    @GET
    @Path("download")
    @Access(value = Access.Rule.PROJECT_READ, on = Access.On.DATUM)
    public Response download(@PathParam("id") String id) {
        Datum datum = datums.get(id);
        InputStream content = datums.open(datum, 0);
        StreamingOutput body = out -> {
            try (InputStream in = content) {
                in.transferTo(out);
            }
        };
        String fileName = datum.fileName().replace("\"", "");
        return Response.ok(body, datum.contentType())
                .header("Content-Length", datum.size())
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .header("X-Checksum-Sha256", datum.sha256())
                .build();
    }
}
