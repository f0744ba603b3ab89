package io.lathe.server.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The REST API, version 1. Resources and providers are discovered by annotation. */
@ApplicationPath(ApiApplication.PATH)
public class ApiApplication extends Application {

    /** Where the API is served, which is also the servlet path of every request Jersey answers. */
    public static final String PATH = "/api/v1";

    /**
     * Jersey features the API does not use, each of which costs start-up time: no resource uses Bean Validation
     * (requests are checked by the services, with errors naming the field), and the API is described in
     * docs/api.md rather than by a generated WADL document.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.beanValidation.disable.server", true,
                "jersey.config.server.wadl.disableWadl", true);
    }
}
