package io.lathe.server.instances;

import jakarta.ws.rs.Path;

/** {@code /api/v1/admin/data-stores}: the configured data stores: where projects keep their files. */
@Path("admin/data-stores")
public class DataStoreResource extends InstanceResource {

    @Override
    protected InstanceAdmin.Kind kind() {
        return InstanceAdmin.Kind.DATA_STORE;
    }
}
