package io.lathe.server.instances;

import jakarta.ws.rs.Path;

/** {@code /api/v1/admin/environments}: the configured compute environments: where executions run. */
@Path("admin/environments")
public class EnvironmentResource extends InstanceResource {

    @Override
    protected InstanceAdmin.Kind kind() {
        return InstanceAdmin.Kind.ENVIRONMENT;
    }
}
